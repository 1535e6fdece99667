package com.salesconnect.tasksync.task;

/** Kind of task in Sales Connect; maps to Salesforce's {@code TaskSubtype} (Call, Email, Task). */
public enum TaskType {
    CALL, EMAIL, TODO
}
