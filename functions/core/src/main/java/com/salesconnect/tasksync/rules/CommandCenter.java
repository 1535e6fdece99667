package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.SettingsStore;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.task.ScTask;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The Command Center list: open, live tasks due today or tomorrow in the user's time zone. Every synced task is
 * stored; only this view is limited by due date.
 */
public final class CommandCenter {

    /** The two calendar days shown, in the user's zone. Due dates are zone-less, so they compare directly. */
    public record DueWindow(LocalDate today, LocalDate tomorrow) {
        public boolean contains(LocalDate due) {
            return due != null && !due.isBefore(today) && !due.isAfter(tomorrow);
        }
    }

    private final TaskStore tasks;
    private final SettingsStore settings;
    private final Clock clock;

    public CommandCenter(TaskStore tasks, SettingsStore settings, Clock clock) {
        this.tasks = tasks;
        this.settings = settings;
        this.clock = clock;
    }

    /** Pure: "today" is the calendar date at {@code now} in {@code zone}; tomorrow the next one (DST-safe). */
    public static DueWindow window(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return new DueWindow(today, today.plusDays(1));
    }

    /** The whole list. */
    public List<ScTask> tasksFor(String userId) {
        DueWindow window = windowOf(userId);
        Instant now = clock.instant();
        return tasks.openDueBetween(UserId.of(userId), window.today(), window.tomorrow()).stream()
                .filter(t -> listed(t, window, now))
                .toList();
    }

    /**
     * One page of the list, by due date: at most {@code limit} tasks after {@code cursor} (null: the first page; else
     * the cursor of the page before), and the cursor of the next page (null on the last).
     *
     * @throws IllegalArgumentException for a cursor no page returned
     */
    public Page<ScTask> page(String userId, String cursor, int limit) {
        DueWindow window = windowOf(userId);
        Instant now = clock.instant();
        Page<ScTask> page = tasks.openDueBetween(UserId.of(userId), window.today(), window.tomorrow(), cursor, limit);
        return new Page<>(page.items().stream().filter(t -> listed(t, window, now)).toList(), page.nextCursor());
    }

    private DueWindow windowOf(String userId) {
        ZoneId zone = settings.get(UserId.of(userId)).map(SyncSettings::timeZone).orElse(ZoneId.of("UTC"));
        return window(clock.instant(), zone);
    }

    /**
     * Belt and braces: the store's index is sparse, but an expired tombstone or a stale index entry must never be
     * listed.
     */
    private static boolean listed(ScTask t, DueWindow window, Instant now) {
        return Tombstones.live(t, now) && !t.fields().completed() && window.contains(t.fields().dueDate());
    }
}
