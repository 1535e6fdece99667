package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandCenterTest {

    @Test
    void window_isTodayAndTomorrowInTheUsersZone_nearMidnight() {
        Instant justBeforeUtcMidnight = Instant.parse("2026-03-10T23:30:00Z");

        assertThat(CommandCenter.window(justBeforeUtcMidnight, ZoneId.of("UTC")))
                .isEqualTo(new CommandCenter.DueWindow(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11)));
        // East of UTC it is already the 11th...
        assertThat(CommandCenter.window(justBeforeUtcMidnight, ZoneId.of("Europe/Berlin")).today())
                .isEqualTo(LocalDate.of(2026, 3, 11));
        // ...and west of UTC still the 10th, even early in the UTC day.
        assertThat(CommandCenter.window(Instant.parse("2026-03-11T03:00:00Z"), ZoneId.of("America/Los_Angeles"))
                .today()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(CommandCenter.window(Instant.parse("2026-03-10T11:00:00Z"), ZoneId.of("Pacific/Kiritimati"))
                .tomorrow()).isEqualTo(LocalDate.of(2026, 3, 12));
    }

    @Test
    void window_overDaylightSavingChanges_isTwoCalendarDays() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // 2026-03-08 has 23 hours in New York; just before its end:
        Instant lateOnShortDay = Instant.parse("2026-03-09T03:59:00Z");
        assertThat(CommandCenter.window(lateOnShortDay, newYork))
                .isEqualTo(new CommandCenter.DueWindow(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 9)));
        // 2026-11-01 has 25 hours; its last hour:
        Instant lateOnLongDay = Instant.parse("2026-11-02T04:30:00Z");
        assertThat(CommandCenter.window(lateOnLongDay, newYork).today()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void commandCenter_listsOpenTasksDueTodayAndTomorrowInUserTimeZone() {
        SyncFixture fx = new SyncFixture();
        fx.connect(SyncFixture.ALICE, SyncFixture.ALICE_SF);
        fx.settingsService.enable(UserId.of(SyncFixture.ALICE), ZoneId.of("America/Los_Angeles"));
        fx.clock.set("2026-03-11T03:00:00Z"); // 2026-03-10 20:00 in Los Angeles
        LocalDate today = LocalDate.of(2026, 3, 10);
        String dueToday = create(fx, "today", today).taskId();
        String dueTomorrow = create(fx, "tomorrow", today.plusDays(1)).taskId();
        create(fx, "yesterday", today.minusDays(1));
        create(fx, "in two days", today.plusDays(2));
        create(fx, "no due date", null);
        String done = create(fx, "done today", today).taskId();
        fx.taskService.complete(UserId.of(SyncFixture.ALICE), TaskId.of(done));
        String deleted = create(fx, "deleted", today).taskId();
        fx.taskService.delete(UserId.of(SyncFixture.ALICE), TaskId.of(deleted));

        assertThat(fx.commandCenter.tasksFor(SyncFixture.ALICE)).extracting(t -> t.taskId())
                .containsExactly(dueToday, dueTomorrow);
        // Every task is still stored; only the view is limited.
        assertThat(fx.tasks.live(SyncFixture.ALICE)).hasSize(6);
    }

    @Test
    void commandCenter_inPages_givesTheWholeListOnce_byDueDate() {
        SyncFixture fx = new SyncFixture();
        fx.connect(SyncFixture.ALICE, SyncFixture.ALICE_SF);
        fx.settingsService.enable(UserId.of(SyncFixture.ALICE), ZoneId.of("UTC"));
        fx.clock.set("2026-03-10T09:00:00Z");
        LocalDate today = LocalDate.of(2026, 3, 10);
        for (int i = 0; i < 11; i++) {
            create(fx, "tomorrow " + i, today.plusDays(1));
            create(fx, "today " + i, today);
            create(fx, "later " + i, today.plusDays(2));
        }

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<ScTask> page = fx.commandCenter.page(SyncFixture.ALICE, cursor, 4);
            page.items().forEach(t -> paged.add(t.taskId()));
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(paged).containsExactlyElementsOf(fx.commandCenter.tasksFor(SyncFixture.ALICE).stream()
                .map(ScTask::taskId).toList());
        assertThat(paged).hasSize(22);
        assertThat(sizes).containsExactly(4, 4, 4, 4, 4, 2);
        assertThat(fx.commandCenter.page(SyncFixture.ALICE, null, 22).nextCursor()).isNull();
    }

    private static ScTask create(SyncFixture fx, String subject, LocalDate due) {
        return fx.taskService.create(UserId.of(SyncFixture.ALICE),
                TaskFields.todo(subject).with(TaskFields.Field.DUE_DATE, due));
    }
}
