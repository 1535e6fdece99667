package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.task.TaskStatuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each org's TaskStatus picklist, kept for an hour per warm function instance: every API call counts against the
 * org's daily limit, and picklists rarely change.
 */
final class TaskStatusCache {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStatusCache.class);
    static final Duration TTL = Duration.ofHours(1);

    private record Entry(TaskStatuses statuses, Instant fetchedAt) {
    }

    private final Clock clock;
    private final Map<String, Entry> byOrg = new ConcurrentHashMap<>();

    TaskStatusCache(Clock clock) {
        this.clock = clock;
    }

    TaskStatuses get(String orgId, SalesforceApi api) {
        Instant now = clock.instant();
        Entry entry = byOrg.get(orgId);
        if (entry != null && entry.fetchedAt().plus(TTL).isAfter(now)) {
            return entry.statuses();
        }
        TaskStatuses statuses;
        try {
            statuses = api.taskStatuses();
        } catch (SalesforceRequestException | IllegalArgumentException unreadable) {
            // A picklist we cannot read (no access, or no open/closed value) falls back to Salesforce's defaults.
            LOG.warn("task statuses unreadable, using Salesforce defaults: orgId={} error={}", orgId,
                    unreadable.getClass().getSimpleName());
            statuses = TaskStatuses.SALESFORCE_DEFAULTS;
        }
        byOrg.put(orgId, new Entry(statuses, now));
        return statuses;
    }
}
