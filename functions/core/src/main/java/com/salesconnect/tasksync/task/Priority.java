package com.salesconnect.tasksync.task;

/** Task priority as Sales Connect knows it; maps to Salesforce's Low / Normal / High. */
public enum Priority {
    LOW, NORMAL, HIGH
}
