package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.sync.PendingPush;

import java.util.List;

/** Pushes that failed and wait for the sweep to retry them. Idempotent writes. */
public interface PendingPushStore {

    void put(PendingPush push);

    List<PendingPush> forUser(String userId);

    void remove(String userId, String taskId);
}
