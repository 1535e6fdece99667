package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.OutOfTimeException;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SessionUnavailableException;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applies Salesforce Outbound Messages to Sales Connect (the salesforce-inbound function).
 *
 * <p>Each notification is routed by the task's OwnerId to the Sales Connect user connected as that owner; owners
 * without a user, or users with sync off, are acknowledged and ignored. A notification id already applied is
 * skipped, and one is recorded as applied only after its changes are durable. Notifications that lack mapped
 * fields (the Outbound Message's field selection) are completed by one query per owner for the whole message,
 * except the echoes of our own writes, which lack only null fields and cost no read (see
 * {@link #echoesOfWhatWeHold}).
 * See {@link SalesforceChangeApplier} for the per-version rules, including owner changes.
 *
 * <p>This is the internet-facing function: it never renews a Salesforce session and never writes a connection
 * (IAM denies it). Its API uses the access token other functions shared; without a usable one
 * ({@link SessionUnavailableException}), a notification that needs Salesforce is left to the sweep, which reads
 * every change since its watermark, and a push-back becomes a pending push.
 */
public final class InboundSync {

    private static final Logger LOG = LoggerFactory.getLogger(InboundSync.class);

    /** Salesforce retries a message for 24 hours; a notification id is remembered a little longer. */
    static final Duration NOTIFICATION_MEMORY = Duration.ofHours(25);
    /**
     * Time kept for finishing a message after its last notification: writing the imports batched so far (up to
     * {@value ImportBatch#SIZE} tasks and links), recording what was applied, answering. A message that reaches it is
     * stopped between notifications and redelivered by Salesforce, instead of the invocation being killed in one.
     */
    static final Duration FINISH_RESERVE = Duration.ofSeconds(10);
    /** Fields a notification must carry to be applied without a query. */
    static final Set<String> REQUIRED_FIELDS = Stream.concat(TaskMapper.SOURCE_FIELDS.stream(),
            Stream.of("Id", "OwnerId", "SystemModstamp", "LastModifiedDate")).collect(Collectors.toUnmodifiableSet());
    /** Fields a Task may hold null, which Salesforce leaves out of a notification (it sends no element for null). */
    static final Set<String> NULLABLE_FIELDS = Set.of("Subject", "Description", "ActivityDate", "ReminderDateTime",
            "TaskSubtype", "WhoId", "WhatId");

    private final SyncStores stores;
    private final SalesforceApiFactory apis;
    private final Clock clock;
    private final TaskStatusCache statusCache;
    private final SalesforceFailures failures;
    private final SalesforceChangeApplier applier;
    private final ReadAhead reads;

    public InboundSync(SyncStores stores, SalesforceApiFactory apis, Clock clock) {
        this.stores = stores;
        this.apis = apis;
        this.clock = clock;
        this.statusCache = new TaskStatusCache(clock);
        this.failures = SalesforceFailures.withoutConnectionWrites(stores.orgLimits(), clock);
        this.reads = stores.readAhead();
        this.applier = SalesforceChangeApplier.forInbound(stores, reads, failures, clock);
    }

    /**
     * Authenticates a message: the token in the endpoint URL must belong to an org (looked up by its SHA-256), and
     * the message's OrganizationId must be that org.
     *
     * @return the authenticated org, or why the message is rejected (nothing is written)
     */
    public WebhookAuth authenticate(String webhookToken, String organizationId) {
        if (webhookToken == null || webhookToken.isBlank() || organizationId == null || organizationId.isBlank()) {
            return new WebhookAuth.Rejected(WebhookAuth.Reason.MISSING_TOKEN);
        }
        Optional<String> orgId = stores.webhooks().orgForTokenHash(sha256Hex(webhookToken));
        if (orgId.isEmpty()) {
            return new WebhookAuth.Rejected(WebhookAuth.Reason.UNKNOWN_TOKEN);
        }
        if (!MessageDigest.isEqual(canonicalOrg(orgId.get()), canonicalOrg(organizationId))) {
            return new WebhookAuth.Rejected(WebhookAuth.Reason.ORG_MISMATCH);
        }
        return new WebhookAuth.Authenticated(orgId.get());
    }

    /**
     * Applies every notification of an authenticated message. Returns when all are durable (then acknowledge);
     * throws when one could not be applied (then do not acknowledge: Salesforce retries, and notifications already
     * applied are skipped).
     */
    public InboundResult apply(OrgId org, OutboundMessage message) {
        return apply(org, message, Deadline.NONE);
    }

    /**
     * Like {@link #apply(OrgId, OutboundMessage)}, within the invocation's {@code deadline}.
     *
     * @throws IllegalArgumentException when the message is not of {@code orgId} (not authenticated for it)
     */
    public InboundResult apply(OrgId org, OutboundMessage message, Deadline deadline) {
        try (LogFields.Scope ignored = LogFields.with(LogFields.ORG_ID, org.value())) {
            return applyMessage(org, message, deadline);
        }
    }

    private InboundResult applyMessage(OrgId org, OutboundMessage message, Deadline deadline) {
        String orgId = org.value();
        if (!MessageDigest.isEqual(canonicalOrg(orgId), canonicalOrg(message.organizationId()))) {
            throw new IllegalArgumentException("the message is not of the org it was authenticated for");
        }
        SyncUsers users = new SyncUsers(stores, apis, statusCache, deadline);
        List<OutboundMessage.Notification> fresh = new ArrayList<>();
        int redelivered = 0;
        Set<String> seen = stores.notifications().seen(OrgId.of(orgId),
                message.notifications().stream().map(OutboundMessage.Notification::id).toList());
        for (OutboundMessage.Notification n : message.notifications()) {
            if (seen.contains(n.id())) {
                redelivered++;
                // Under the change's correlation id: following it shows the first delivery's outcome, then this.
                String sfId = SalesforceIds.to18(n.task().id());
                try (LogFields.Scope ignored = LogFields.with(LogFields.SF_ID, sfId,
                        LogFields.CHANGE_ID, LogFields.sfChange(sfId, n.task().systemModstamp()))) {
                    LOG.info("outbound message notification redelivered, applied before: notificationId={}", n.id());
                }
            } else {
                fresh.add(n);
            }
        }
        // Every notified record existed before the message was sent, so one read of pending creates serves them all.
        users.newBatchOfRows();
        try {
            readAhead(orgId, fresh, users);
            return applyFresh(orgId, message, fresh, redelivered, users);
        } finally {
            reads.clear();
        }
    }

    /** The links, tasks and import targets of the message's tasks, in a few batch reads per owner. */
    private void readAhead(String orgId, List<OutboundMessage.Notification> notifications, SyncUsers users) {
        Map<String, List<SfTask>> byUser = new LinkedHashMap<>();
        List<SalesforceId> unrouted = new ArrayList<>();
        for (OutboundMessage.Notification n : notifications) {
            Optional<String> owner = n.task().ownerId() == null ? Optional.empty()
                    : users.userIdForOwner(orgId, n.task().ownerId());
            if (owner.isPresent()) {
                byUser.computeIfAbsent(owner.get(), u -> new ArrayList<>()).add(n.task());
            } else {
                unrouted.add(SalesforceId.of(n.task().id()));
            }
        }
        byUser.forEach((userId, rows) -> reads.prefetchRows(OrgId.of(orgId), UserId.of(userId),
                SalesforceImports.importTaskIds(rows)));
        reads.prefetchBySfId(OrgId.of(orgId), unrouted);
    }

    private InboundResult applyFresh(String orgId, OutboundMessage message, List<OutboundMessage.Notification> fresh,
                                     int redelivered, SyncUsers users) {
        Set<String> echoes = echoesOfWhatWeHold(orgId, fresh, users);
        Map<String, SfTask> completed = complete(orgId, fresh.stream().filter(n -> !echoes.contains(n.id())).toList(),
                users);
        // Recorded together once their changes are durable (a few writes per message, not one per notification);
        // when one fails, those applied before it are still recorded, so a redelivery skips them.
        List<String> done = new ArrayList<>();
        boolean failed = true;
        Tally tally;
        try {
            // Fresh imports are written together when the loop ends (ImportBatch).
            tally = applier.importsBatched(users, () -> applyEach(orgId, fresh, echoes, completed, done, users));
            failed = false;
        } finally {
            // An import still waiting in the batch (its write failed, or the invocation is dying) is not applied:
            // a redelivery brings it again.
            done.removeIf(id -> fresh.stream().anyMatch(n -> n.id().equals(id)
                    && users.imports().holds(SalesforceIds.to18(n.task().id()))));
            recordApplied(orgId, done, failed);
        }
        LOG.info("outbound message applied: orgId={} notifications={} applied={} ignored={} redelivered={}"
                        + " leftToSweep={}", orgId, message.notifications().size(), tally.applied(), tally.ignored(),
                redelivered, tally.leftToSweep());
        return new InboundResult(tally.applied(), tally.ignored(), redelivered);
    }

    /** What became of a message's fresh notifications. */
    private record Tally(int applied, int ignored, int leftToSweep) {
    }

    /** Applies each notification, adding to {@code done} those applied (or left to the sweep for good). */
    private Tally applyEach(String orgId, List<OutboundMessage.Notification> fresh, Set<String> echoes,
                            Map<String, SfTask> completed, List<String> done, SyncUsers users) {
        int applied = 0;
        int ignored = 0;
        int leftToSweep = 0;
        for (OutboundMessage.Notification n : fresh) {
            if (!users.deadline().allows(FINISH_RESERVE)) {
                // Stopped between notifications, not killed in one: the imports batched so far are written and the
                // notifications applied are recorded (applyFresh), and the answer asks Salesforce for a redelivery,
                // which skips them.
                throw new OutOfTimeException("outbound message: out of time after " + done.size() + " of "
                        + fresh.size() + " fresh notifications; Salesforce redelivers the message");
            }
            SfTask row = completed.getOrDefault(n.id(), isComplete(n) ? n.task() : null);
            SalesforceChangeApplier.Result result;
            try {
                if (echoes.contains(n.id())) {
                    result = SalesforceChangeApplier.Result.ECHO;
                } else {
                    result = row == null ? SalesforceChangeApplier.Result.NOTHING : apply(orgId, row, users);
                }
            } catch (SessionUnavailableException e) {
                // Not recorded as applied: a redelivery tries again; the sweep applies it in any case.
                leftToSweep++;
                ignored++;
                continue;
            }
            switch (result) {
                case IMPORTED, ADOPTED, MERGED, DELETED, OWNER_MOVED, ECHO, RESTORED -> applied++;
                default -> ignored++;
            }
            done.add(n.id());
        }
        return new Tally(applied, ignored, leftToSweep);
    }

    /** After a failure, a failed record only costs a redelivery its re-application: the first failure is thrown. */
    private void recordApplied(String orgId, List<String> notificationIds, boolean afterFailure) {
        if (notificationIds.isEmpty()) {
            return;
        }
        try {
            stores.notifications()
                    .recordAll(OrgId.of(orgId), notificationIds, clock.instant().plus(NOTIFICATION_MEMORY));
        } catch (RuntimeException e) {
            if (!afterFailure) {
                throw e;
            }
            LOG.warn("applied notifications not recorded; a redelivery applies them again: orgId={} count={}",
                    orgId, notificationIds.size());
        }
    }

    private SalesforceChangeApplier.Result apply(String orgId, SfTask row, SyncUsers users) {
        if (row.deleted()) {
            return applier.applyDeletion(orgId, row.id(), row.systemModstamp(), null, users);
        }
        return applier.applyLive(orgId, row, users.ownerOf(orgId, row), users);
    }

    /**
     * The notifications, lacking only fields that may be null, whose values (those fields read as null) are exactly
     * what the sync holds for the task: in all likelihood the echo of our own push or create. They are not read
     * from Salesforce and nothing is applied: such a notification counts as lost, which the sync tolerates anyway (the
     * sweep reads every change since its watermark, with all fields, within one interval), so a change to a field the
     * Outbound Message does not select is late, never lost, and the echoes of a push cost no API call.
     */
    private Set<String> echoesOfWhatWeHold(String orgId, List<OutboundMessage.Notification> notifications,
                                           SyncUsers users) {
        List<SalesforceChangeApplier.Partial> partials = new ArrayList<>();
        for (OutboundMessage.Notification n : notifications) {
            if (isComplete(n) || !lacksOnlyNullableFields(n)) {
                continue;
            }
            users.userIdForOwner(orgId, n.task().ownerId()).flatMap(users::get)
                    .ifPresent(owner -> partials.add(new SalesforceChangeApplier.Partial(n.id(), n.task(), owner)));
        }
        return applier.heldAlready(orgId, partials, users);
    }

    static boolean lacksOnlyNullableFields(OutboundMessage.Notification n) {
        return n.task().systemModstamp() != null && n.task().ownerId() != null
                && REQUIRED_FIELDS.stream().allMatch(f -> n.presentFields().contains(f) || NULLABLE_FIELDS.contains(f));
    }

    /**
     * Reads the current version of every notification lacking fields, with one query per routed user. A task
     * nobody here can read (no owner routing, no usable connection, API limit) is left to the sweep.
     */
    private Map<String, SfTask> complete(String orgId, List<OutboundMessage.Notification> notifications,
                                         SyncUsers users) {
        Map<String, List<OutboundMessage.Notification>> byUser = new LinkedHashMap<>();
        for (OutboundMessage.Notification n : notifications) {
            if (!isComplete(n)) {
                routeForFetch(orgId, n, users).ifPresent(u -> byUser.computeIfAbsent(u, k -> new ArrayList<>()).add(n));
            }
        }
        Map<String, SfTask> out = new HashMap<>();
        for (Map.Entry<String, List<OutboundMessage.Notification>> entry : byUser.entrySet()) {
            Optional<SyncUser> user = users.get(entry.getKey());
            if (user.isEmpty() || !user.get().enabled() || !user.get().connected()
                    || failures.blocked(user.get().orgId())) {
                continue;
            }
            Map<String, SfTask> rows;
            try {
                rows = TaskQueries.byIds(user.get().api(), entry.getValue().stream().map(n -> n.task().id()).toList());
            } catch (SalesforceException e) {
                SalesforceFailures.Handling h = failures.handle(user.get(), e);
                if (h.retryNow()) {
                    throw e;
                }
                continue;
            }
            for (OutboundMessage.Notification n : entry.getValue()) {
                SfTask row = rows.get(SalesforceIds.to18(n.task().id()));
                if (row != null) {
                    out.put(n.id(), row);
                }
            }
        }
        return out;
    }

    /**
     * Who reads a task a notification lacks fields of: the user connected as its owner, else the user whose link holds
     * it (its owner changed to someone who does not sync: the read tells that user's list to let it go).
     */
    private Optional<String> routeForFetch(String orgId, OutboundMessage.Notification n, SyncUsers users) {
        Optional<String> owner = n.task().ownerId() == null ? Optional.empty()
                : users.userIdForOwner(orgId, n.task().ownerId());
        return owner.or(() -> stores.links().findBySfId(OrgId.of(orgId), SalesforceId.of(n.task().id()))
                .map(TaskLink::userId));
    }

    static boolean isComplete(OutboundMessage.Notification n) {
        return n.presentFields().containsAll(REQUIRED_FIELDS) && n.task().systemModstamp() != null
                && n.task().ownerId() != null;
    }

    static String sha256Hex(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Org ids compare in their 18-char form; anything that is not an id compares as given (and fails). */
    private static byte[] canonicalOrg(String orgId) {
        String id = orgId;
        try {
            id = SalesforceIds.to18(orgId);
        } catch (IllegalArgumentException notAnId) {
            // compared as given
        }
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
