package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityTest {

    private static final Instant FIRST_ON = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant OFF = Instant.parse("2026-03-05T09:00:00Z");
    private static final Instant ON_AGAIN = Instant.parse("2026-03-10T09:00:00Z");

    private static SyncSettings enabledSince(Instant start) {
        return new SyncSettings("u", true, List.of(new EnabledPeriod(start, null)), ZoneOffset.UTC,
                FirstSync.NONE, null, 1);
    }

    private static ScTask createdAt(Instant at) {
        return new ScTask("u", "t", TaskFields.todo("x"), at, at, 1, Origin.SALES_CONNECT, null, null);
    }

    @Test
    void noBackfill_taskCreatedBeforeEnabling_isNotPushable() {
        assertThat(Eligibility.pushable(enabledSince(ON_AGAIN),
                createdAt(ON_AGAIN.minusSeconds(1)))).isFalse();
    }

    @Test
    void taskCreatedAtOrAfterTheStartOfTheEnabledPeriod_isPushable() {
        assertThat(Eligibility.pushable(enabledSince(ON_AGAIN), createdAt(ON_AGAIN))).isTrue();
        assertThat(Eligibility.pushable(enabledSince(ON_AGAIN),
                createdAt(ON_AGAIN.plusSeconds(60)))).isTrue();
    }

    @Test
    void linkedTask_isPushable_whenever_itWasCreated() {
        assertThat(Eligibility.pushableLinked(enabledSince(ON_AGAIN))).isTrue();
    }

    @Test
    void syncOff_nothingIsPushable_notEvenLinkedTasks() {
        SyncSettings off = new SyncSettings("u", false, List.of(new EnabledPeriod(FIRST_ON, OFF)), ZoneOffset.UTC,
                FirstSync.NONE, null, 2);
        assertThat(Eligibility.pushableLinked(off)).isFalse();
    }

    @Test
    void taskCreatedWhileSyncWasOff_isNotPushable_afterReEnabling() {
        SyncSettings reEnabled = new SyncSettings("u", true, List.of(new EnabledPeriod(FIRST_ON, OFF),
                new EnabledPeriod(ON_AGAIN, null)), ZoneOffset.UTC, FirstSync.NONE, null, 3);

        assertThat(Eligibility.pushable(reEnabled, createdAt(OFF.plusSeconds(60)))).isFalse();
        assertThat(Eligibility.pushable(reEnabled, createdAt(FIRST_ON.plusSeconds(60)))).isFalse();
    }
}
