package com.salesconnect.tasksync.bench;

import java.io.PrintStream;

/** One line per step on stderr, with the time since the run began; stdout keeps only the table. */
public final class Progress {

    private final PrintStream out;
    private final long start = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void say(String message) {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        out.printf("[bench %02d:%02d] %s%n", seconds / 60, seconds % 60, message);
        out.flush();
    }

    public long elapsedSeconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }
}
