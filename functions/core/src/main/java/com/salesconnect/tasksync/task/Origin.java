package com.salesconnect.tasksync.task;

/** Which side made a change. Stored on every task write so the stream can tell echoes from user edits. */
public enum Origin {
    SALES_CONNECT, SALESFORCE
}
