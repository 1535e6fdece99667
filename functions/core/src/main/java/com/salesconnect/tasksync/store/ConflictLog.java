package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;

import java.util.List;

/** Every recorded conflict, kept for 90 days. Recording the same conflict twice stores it once. */
public interface ConflictLog {

    void record(Conflict conflict);

    List<Conflict> forUser(UserId userId, int limit);
}
