package com.salesconnect.tasksync.local;

/** Placeholder. */
public final class LocalRuntime {
    private LocalRuntime() {
    }

    public static void main(String[] args) {
    }
}
