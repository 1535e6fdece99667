package com.salesconnect.tasksync.sync;

/** No live task with that id for that user (never existed, or deleted). */
public final class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException() {
        super("No such task");
    }
}
