package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * How Lambda handles a failed asynchronous invocation (EventBridge, schedules): {@code EventInvokeConfig} or
 * Lambda's defaults (2 retries, 6 hours, no destination).
 *
 * @param onFailure the on-failure destination (a template value), null for none
 */
public record AsyncInvokeSettings(int maxRetryAttempts, Duration maxEventAge, JsonNode onFailure) {

    public static final AsyncInvokeSettings DEFAULTS = new AsyncInvokeSettings(2, Duration.ofHours(6), null);

    public AsyncInvokeSettings {
        if (maxRetryAttempts < 0 || maxRetryAttempts > 2) {
            throw new TemplateException("EventInvokeConfig MaximumRetryAttempts must be 0..2");
        }
    }
}
