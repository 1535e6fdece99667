package com.salesconnect.tasksync.function.enablesync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.json.JsonTrees;
import com.salesconnect.tasksync.sync.SyncHealthView;

import java.time.Instant;
import java.util.List;

/** The Settings page's sync health as JSON (GET /settings/task-sync/health); see the function's README. */
final class HealthJson {

    private final String connectRoute;

    /** @param connectRoute where the Reconnect action goes (the connect route the page already uses) */
    HealthJson(String connectRoute) {
        this.connectRoute = connectRoute;
    }

    ObjectNode view(SyncHealthView view) {
        ObjectNode out = JsonTrees.object();
        out.put("lastPushedAt", text(view.lastPushedAt()));
        out.put("lastPulledAt", text(view.lastPulledAt()));
        ArrayNode waiting = out.putArray("waiting");
        for (SyncHealthView.Waiting w : view.waiting()) {
            ObjectNode node = waiting.addObject();
            node.put("reason", w.reason().name());
            node.put("count", w.count());
            node.put("message", w.message());
            action(node, w.action(), null);
        }
        out.put("waitingMore", view.waitingMore());
        ArrayNode problems = out.putArray("problems");
        for (SyncHealthView.Problem p : view.problems()) {
            ObjectNode node = problems.addObject();
            node.put("taskId", p.taskId());
            node.put("subject", p.subject());
            strings(node.putArray("fields"), p.fields());
            node.put("message", p.message());
            node.put("at", text(p.at()));
            action(node, p.action(), p.taskId());
        }
        ArrayNode conflicts = out.putArray("conflicts");
        for (SyncHealthView.RecentConflict c : view.conflicts()) {
            ObjectNode node = conflicts.addObject();
            node.put("taskId", c.taskId());
            node.put("subject", c.subject());
            strings(node.putArray("fields"), c.fields());
            node.put("winner", c.winner() == null ? null : c.winner().name());
            node.put("reason", c.reason());
            node.put("at", text(c.at()));
        }
        return out;
    }

    /** {@code {"kind", "label", "route"|"taskId"}}; null when nothing is to be done. */
    private void action(ObjectNode node, SyncHealthView.Action action, String taskId) {
        switch (action) {
            case RECONNECT -> node.putObject("action").put("kind", action.name()).put("label", "Reconnect")
                    .put("route", connectRoute);
            case EDIT_TASK -> node.putObject("action").put("kind", action.name()).put("label", "Edit the task")
                    .put("taskId", taskId);
            case NONE -> node.putNull("action");
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
