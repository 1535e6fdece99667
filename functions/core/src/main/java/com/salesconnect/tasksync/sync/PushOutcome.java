package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.PendingPush;

import java.time.Instant;

/** What became of one task's push. */
sealed interface PushOutcome {

    /** Pushed, nothing to push, or refused for good and recorded: no retry. */
    record Done() implements PushOutcome {
    }

    /** A passing failure (outage, lost race): the caller's own retry (stream redelivery) will succeed. */
    record Retry(String reason) implements PushOutcome {
    }

    /** Cannot go now (API limit, broken connection): kept as a PendingPush for the sweep, from {@code notBefore}. */
    record Defer(String reason, Instant notBefore) implements PushOutcome {
    }

    PushOutcome DONE = new Done();
}
