package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.LastSync;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of the Settings page's sync health, on what the stores hold (see {@link SyncHealthService} for the
 * reads). Pending pushes are grouped by what holds them up; writes Salesforce refused (and pushes given up) are
 * problems until the user edits the task in Sales Connect; every other recorded conflict is shown as it was decided.
 */
final class SyncHealth {

    /** Pending pushes counted at most (one bounded read); beyond it the page says "more than". */
    static final int WAITING_COUNTED = 100;
    /** Recorded conflicts read (one bounded read): the problems among them and the latest conflicts. */
    static final int CONFLICTS_READ = 25;
    /** Conflicts shown. */
    static final int CONFLICTS_SHOWN = 5;

    static final String BROKEN_MESSAGE = "Salesforce no longer accepts the saved login: reconnect to send what waits.";
    static final String LIMIT_MESSAGE = "Your org reached its Salesforce API limit: what waits goes over when the "
            + "limit resets; nothing to do.";
    static final String RETRYING_MESSAGE = "Being sent; retried automatically. Nothing to do.";

    private SyncHealth() {
    }

    /**
     * @param pending   up to {@value #WAITING_COUNTED} + 1 of the user's pending pushes
     * @param recent    the user's latest recorded conflicts, newest first
     * @param tasks     the tasks those conflicts name, by task id (missing ones are shown without a subject)
     * @param broken    whether the user's Salesforce connection is BROKEN
     */
    static SyncHealthView of(LastSync last, boolean broken, List<PendingPush> pending, List<Conflict> recent,
                             Map<String, ScTask> tasks) {
        List<PendingPush> counted = pending.size() > WAITING_COUNTED ? pending.subList(0, WAITING_COUNTED) : pending;
        return new SyncHealthView(last.pushedAt(), last.pulledAt(), waiting(counted, broken),
                pending.size() > WAITING_COUNTED, problems(recent, tasks), conflicts(recent, tasks));
    }

    /**
     * When the sync last succeeded each way: Salesforce to Sales Connect is the later of the last Salesforce change
     * applied (recorded by the functions that apply them) and what the settings item already says at no extra write:
     * how far the last sweep checked Salesforce's updates, and when the first sync finished.
     */
    static LastSync lastSync(LastSync recorded, SyncSettings settings) {
        if (settings == null) {
            return recorded;
        }
        Instant pulled = latest(recorded.pulledAt(), settings.sweep().updatesCheckedAt());
        if (settings.firstSync().state() == FirstSyncState.DONE) {
            pulled = latest(pulled, settings.firstSync().finishedAt());
        }
        return new LastSync(recorded.pushedAt(), pulled);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Why one pending push waits. */
    static SyncHealthView.Reason reason(PendingPush push, boolean broken) {
        if (broken) {
            return SyncHealthView.Reason.CONNECTION_BROKEN;
        }
        String error = push.lastError() == null ? "" : push.lastError();
        if (error.startsWith(SalesforceFailures.LIMIT_REACHED) || error.startsWith(SalesforceFailures.API_BUDGET)) {
            return SyncHealthView.Reason.LIMIT_REACHED;
        }
        return SyncHealthView.Reason.RETRYING;
    }

    private static List<SyncHealthView.Waiting> waiting(List<PendingPush> pending, boolean broken) {
        Map<SyncHealthView.Reason, Integer> counts = new EnumMap<>(SyncHealthView.Reason.class);
        for (PendingPush push : pending) {
            counts.merge(reason(push, broken), 1, Integer::sum);
        }
        List<SyncHealthView.Waiting> out = new ArrayList<>();
        counts.forEach((reason, count) -> out.add(switch (reason) {
            case CONNECTION_BROKEN -> new SyncHealthView.Waiting(reason, count, BROKEN_MESSAGE,
                    SyncHealthView.Action.RECONNECT);
            case LIMIT_REACHED -> new SyncHealthView.Waiting(reason, count, LIMIT_MESSAGE, SyncHealthView.Action.NONE);
            case RETRYING -> new SyncHealthView.Waiting(reason, count, RETRYING_MESSAGE, SyncHealthView.Action.NONE);
        }));
        return out;
    }

    /** A conflict entry the user fixes by editing the task. */
    static boolean needsEdit(Conflict c) {
        String reason = c.reason() == null ? "" : c.reason();
        return reason.startsWith(ConflictRecorder.REFUSED) || reason.startsWith(ConflictRecorder.GAVE_UP)
                || reason.startsWith(ConflictRecorder.NOT_SENT);
    }

    /**
     * The newest refusal of each task, while it stands: the task still lives and was not edited in Sales Connect
     * since (an edit is sent again; if Salesforce refuses it too, that is a newer refusal).
     */
    private static List<SyncHealthView.Problem> problems(List<Conflict> recent, Map<String, ScTask> tasks) {
        Map<String, List<Conflict>> newestByTask = new LinkedHashMap<>();
        for (Conflict c : recent) {
            if (!needsEdit(c)) {
                continue;
            }
            List<Conflict> entry = newestByTask.get(c.taskId());
            if (entry == null) {
                newestByTask.put(c.taskId(), new ArrayList<>(List.of(c)));
            } else if (entry.get(0).at().equals(c.at())) {
                entry.add(c); // the same refusal, another field
            }
        }
        List<SyncHealthView.Problem> out = new ArrayList<>();
        newestByTask.forEach((taskId, entries) -> {
            Conflict newest = entries.get(0);
            ScTask task = tasks.get(taskId);
            if (task == null || task.deleted() || editedSince(task, newest.at())) {
                return;
            }
            out.add(new SyncHealthView.Problem(taskId, task.fields().subject(), fields(entries),
                    userMessage(newest), newest.at(), SyncHealthView.Action.EDIT_TASK));
        });
        return out;
    }

    private static boolean editedSince(ScTask task, Instant at) {
        return task.changeOrigin() == Origin.SALES_CONNECT && task.updatedAt() != null && task.updatedAt().isAfter(at);
    }

    /** The reason in the user's words: Salesforce's own message, without its status code. */
    static String userMessage(Conflict c) {
        String reason = c.reason();
        if (reason.startsWith(ConflictRecorder.REFUSED)) {
            int start = reason.indexOf("): ");
            int end = reason.lastIndexOf(ConflictRecorder.KEEPS_VALUE);
            String message = start < 0 ? "" : reason.substring(start + 3, end > start ? end : reason.length());
            return sentence("Salesforce did not accept the change" + (message.isBlank() ? "" : ": " + message.strip()))
                    + " Edit the task to send it again.";
        }
        if (reason.startsWith(ConflictRecorder.GAVE_UP)) {
            return "Salesforce could not be reached for this change after many attempts. Edit the task to send it "
                    + "again.";
        }
        return sentence("Not sent to Salesforce: " + reason.substring(ConflictRecorder.NOT_SENT.length()).strip())
                + " Edit the task to send it.";
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") || text.endsWith("…") ? text
                : text + ".";
    }

    /** The latest conflicts that were decided (not the ones the user must fix), one per event with its fields. */
    private static List<SyncHealthView.RecentConflict> conflicts(List<Conflict> recent, Map<String, ScTask> tasks) {
        Map<List<Object>, List<Conflict>> events = new LinkedHashMap<>();
        for (Conflict c : recent) {
            if (!needsEdit(c)) {
                events.computeIfAbsent(List.of(c.taskId(), c.at(), Objects.toString(c.reason())),
                        k -> new ArrayList<>()).add(c);
            }
        }
        List<SyncHealthView.RecentConflict> out = new ArrayList<>();
        for (List<Conflict> event : events.values()) {
            if (out.size() == CONFLICTS_SHOWN) {
                break;
            }
            Conflict first = event.get(0);
            ScTask task = tasks.get(first.taskId());
            out.add(new SyncHealthView.RecentConflict(first.taskId(),
                    task == null ? null : task.fields().subject(), fields(event), first.winner(), first.reason(),
                    first.at()));
        }
        return out;
    }

    /** The tasks whose subjects the view shows. */
    static Set<String> taskIds(List<Conflict> recent) {
        Set<String> ids = new HashSet<>();
        recent.forEach(c -> ids.add(c.taskId()));
        return ids;
    }

    private static List<String> fields(List<Conflict> entries) {
        List<String> out = new ArrayList<>();
        for (Conflict c : entries) {
            if (c.field() != null && !out.contains(label(c.field()))) {
                out.add(label(c.field()));
            }
        }
        return out;
    }

    static String label(TaskFields.Field field) {
        return switch (field) {
            case SUBJECT -> "subject";
            case NOTES -> "notes";
            case DUE_DATE -> "due date";
            case COMPLETED -> "completed";
            case PRIORITY -> "priority";
            case REMINDER -> "reminder";
            case TYPE -> "type";
            case WHO -> "contact or lead";
            case WHAT -> "account or opportunity";
        };
    }
}
