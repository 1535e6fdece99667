package com.salesconnect.tasksync.function.sweep;

import com.salesconnect.tasksync.events.SyncEventPublisher;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EventBridge events the sweep is invoked with, read from the event's JSON as the runtime hands it over. */
sealed interface SweepEvent {

    /** Users one UserSweepRequested event may carry (the publisher sends 10). */
    int MAX_USERS = 100;

    /** The schedule's tick (an EventBridge rule on a schedule: source aws.events). */
    record Scheduled(Instant time) implements SweepEvent {
    }

    /** A user turned sync on: run the first sync now. */
    record SyncEnabled(String userId) implements SweepEvent {
    }

    /** The fan-out's unit of work: sweep these users. */
    record UsersRequested(List<String> userIds, Instant scheduledAt) implements SweepEvent {
    }

    /** Not for this function, or not readable; {@code why} names the detail-type or the problem, never content. */
    record Ignored(String why) implements SweepEvent {
    }

    static SweepEvent of(Map<String, Object> event, Instant now) {
        if (event == null) {
            return new Ignored("no event");
        }
        Object detailType = event.get("detail-type");
        Object source = event.get("source");
        Map<?, ?> detail = event.get("detail") instanceof Map<?, ?> m ? m : Map.of();
        if ("Scheduled Event".equals(detailType) && "aws.events".equals(source)) {
            return new Scheduled(instant(event.get("time")).orElse(now));
        }
        if (!SyncEventPublisher.SOURCE.equals(source)) {
            return new Ignored("source " + printable(source) + ", detail-type " + printable(detailType));
        }
        if (SyncEventPublisher.SYNC_ENABLED.equals(detailType)) {
            return detail.get("userId") instanceof String userId && !userId.isBlank()
                    ? new SyncEnabled(userId)
                    : new Ignored("SyncEnabled without a userId");
        }
        if (SyncEventPublisher.USER_SWEEP_REQUESTED.equals(detailType)) {
            if (!(detail.get("userIds") instanceof List<?> ids) || ids.isEmpty() || ids.size() > MAX_USERS) {
                return new Ignored("UserSweepRequested without 1.." + MAX_USERS + " userIds");
            }
            List<String> userIds = new ArrayList<>();
            for (Object id : ids) {
                if (!(id instanceof String userId) || userId.isBlank()) {
                    return new Ignored("UserSweepRequested with a userId that is not text");
                }
                userIds.add(userId);
            }
            return new UsersRequested(List.copyOf(userIds), instant(detail.get("scheduledAt"))
                    .or(() -> instant(event.get("time"))).orElse(now));
        }
        return new Ignored("detail-type " + printable(detailType));
    }

    private static Optional<Instant> instant(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Short, log-safe: the names of event types are ours or AWS's, but a forged one must not flood the log. */
    private static String printable(Object value) {
        String text = String.valueOf(value).replaceAll("[^A-Za-z0-9 ._-]", "?");
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
