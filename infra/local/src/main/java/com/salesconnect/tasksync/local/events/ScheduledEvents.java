package com.salesconnect.tasksync.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The payloads schedules deliver to a Lambda target when the template gives no Input. */
public final class ScheduledEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduledEvents() {
    }

    /**
     * EventBridge Scheduler's default payload (SAM {@code ScheduleV2}). Note {@code detail} is the string
     * {@code "{}"}, not an object: a handler typed {@code ScheduledEvent} fails to read it in AWS too.
     */
    public static String scheduler(String region, String account, String scheduleName, Instant at) {
        ObjectNode event = base(at, region, account, "aws.scheduler");
        event.putArray("resources").add("arn:aws:scheduler:" + region + ":" + account + ":schedule/default/"
                + scheduleName);
        event.put("detail", "{}");
        return event.toString();
    }

    /** The event of an EventBridge scheduled rule (SAM {@code Schedule}): {@code detail} is an empty object. */
    public static String rule(String region, String account, String ruleName, Instant at) {
        ObjectNode event = base(at, region, account, "aws.events");
        event.putArray("resources").add("arn:aws:events:" + region + ":" + account + ":rule/" + ruleName);
        event.putObject("detail");
        return event.toString();
    }

    private static ObjectNode base(Instant at, String region, String account, String source) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", source);
        event.put("account", account);
        event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        return event;
    }
}
