package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.TaskLink;

import java.time.Instant;

/**
 * Order and duplicate guard: a Salesforce version is applied only when its SystemModstamp is newer than the one
 * the link already applied. Outbound messages retry for 24 h and arrive out of order; sweeps overlap on purpose.
 */
public enum Freshness {
    NEW, DUPLICATE, STALE;

    /**
     * @param incoming SystemModstamp of the incoming version (null: unknown, treated as new)
     * @param applied  the link's {@code sfModstamp} (null: nothing applied yet)
     */
    public static Freshness of(Instant incoming, Instant applied) {
        if (incoming == null || applied == null) {
            return NEW;
        }
        int c = incoming.compareTo(applied);
        if (c > 0) {
            return NEW;
        }
        return c == 0 ? DUPLICATE : STALE;
    }

    public static Freshness of(Instant incoming, TaskLink link) {
        return of(incoming, link.sfModstamp());
    }

    public boolean isNew() {
        return this == NEW;
    }
}
