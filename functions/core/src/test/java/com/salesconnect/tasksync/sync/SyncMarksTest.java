package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.testing.FakeSyncHealthStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The sync health's writes: at most one per user and direction per minute, and never a failed sync. */
class SyncMarksTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00Z"));
    private final FakeSyncHealthStore store = new FakeSyncHealthStore();
    private final SyncMarks marks = new SyncMarks(store, clock);

    @Test
    void manyPushesWithinAMinute_writeOnce_andTheNextMinuteWritesAgain() {
        Instant first = clock.instant();
        marks.pushed("u1");
        clock.advance(Duration.ofSeconds(30));
        marks.pushed("u1");
        marks.pulled("u1");
        marks.pushed("u2");

        assertThat(store.writes()).isEqualTo(3);
        assertThat(store.get(UserId.of("u1")).pushedAt()).isEqualTo(first);

        clock.advance(SyncMarks.EVERY);
        marks.pushed("u1");
        assertThat(store.writes()).isEqualTo(4);
        assertThat(store.get(UserId.of("u1")).pushedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aFailedWrite_doesNotFailTheSync_andIsTriedAgainNextTime() {
        store.faults.failNext("pushed");

        assertThatCode(() -> marks.pushed("u1")).doesNotThrowAnyException();
        assertThat(store.get(UserId.of("u1")).pushedAt()).isNull();

        marks.pushed("u1");
        assertThat(store.get(UserId.of("u1")).pushedAt()).isEqualTo(clock.instant());
    }
}
