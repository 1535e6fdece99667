package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import com.salesconnect.tasksync.rules.Freshness;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.ChangeOrigins;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SessionUnavailableException;
import com.salesconnect.tasksync.store.ReadAhead;
import com.salesconnect.tasksync.task.SfTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies Salesforce Change Data Capture events for Task (delivered by Event Relay through EventBridge) to Sales
 * Connect: the fast path for deletions and undeletes, which send no outbound message. An event costs at most one
 * query per user who reads its records, whatever their number.
 *
 * <p>Per change type:
 * <ul>
 *   <li>CREATE, UPDATE, UNDELETE and GAP_CREATE/UPDATE/DELETE/UNDELETE: the records are read by id, in one query
 *       per reading user ({@link TaskQueries#byIds}, deleted rows included), and applied as the outbound-message
 *       path applies a version ({@link SalesforceChangeApplier}): the event carries only changed fields, so the
 *       sync never merges from it. Freshness (SystemModstamp), tombstones and the undelete rule decide as
 *       everywhere; a duplicate or a late event reads a version already applied and changes nothing.</li>
 *   <li>DELETE: read like the others, as the sweep reads a deletion log's ids again before applying them (queryAll
 *       returns the deleted row; no row at all means hard deleted): a deletion applied without a read could remove a
 *       task its owner undeleted meanwhile. A deletion older than the version the link applied (an undelete came
 *       since) is ignored without a read.</li>
 *   <li>GAP_OVERFLOW, or a wildcard record id: too many changes to name; the org is marked, and its users' sweeps
 *       run at full pace from the next tick (the sweep reads every change since its watermark).</li>
 * </ul>
 * A change made by this integration (its client id in changeOrigin, see {@link ChangeOrigins}) is acknowledged
 * without any call. Records route to users within the org named by the event's source: a record's reader is the
 * user whose link holds it, else the user connected as the OwnerId the event carries, else any user of the org who
 * syncs; the version read is then routed by its own OwnerId. An event from an org without any connected user is
 * dropped and counted. Every event also tells the org's sweep that events flow ({@code OrgLimitStore}).
 */
public final class ChangeEventSync {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeEventSync.class);

    /** Users of an org looked at for one that can read a record no link or owner routes. */
    static final int ORG_READERS = 5;
    /** The org's "events flow" mark is written at most this often per container. */
    static final Duration SEEN_WRITE_EVERY = Duration.ofMinutes(1);
    private static final int MAX_ORGS_REMEMBERED = 1_000;

    private final SyncStores stores;
    private final SalesforceApiFactory apis;
    private final Clock clock;
    private final TaskStatusCache statusCache;
    private final SalesforceFailures failures;
    private final SalesforceChangeApplier applier;
    private final AtomicLong droppedNoUser = new AtomicLong();
    private final Map<String, Instant> seenWritten = new ConcurrentHashMap<>();

    public ChangeEventSync(SyncStores stores, SalesforceApiFactory apis, Clock clock) {
        this.stores = stores;
        this.apis = apis;
        this.clock = clock;
        this.statusCache = new TaskStatusCache(clock);
        this.failures = SalesforceFailures.withoutConnectionWrites(stores.orgLimits(), clock);
        // No read-ahead here: an event names few records (ReadAhead without a prefetch reads through).
        this.applier = SalesforceChangeApplier.forInbound(stores, stores.readAhead(),
                failures, clock);
    }

    /** Events dropped by this instance because their org has no connected user. */
    public long droppedNoUser() {
        return droppedNoUser.get();
    }

    public ChangeEventResult apply(ChangeEvent event) {
        return apply(event, Deadline.NONE);
    }

    /**
     * Applies one event within the invocation's {@code deadline}. Returns when every record is durable or left to
     * the sweep; throws when Salesforce or the store failed in a way worth a redelivery (EventBridge retries the
     * invocation, and everything already applied is then a duplicate).
     */
    public ChangeEventResult apply(ChangeEvent event, Deadline deadline) {
        String orgId = SalesforceIds.to18(event.orgId());
        try (LogFields.Scope ignored = LogFields.with(LogFields.ORG_ID, orgId)) {
            return applyEvent(orgId, event, deadline);
        }
    }

    private ChangeEventResult applyEvent(String orgId, ChangeEvent event, Deadline deadline) {
        List<String> orgUsers = stores.connections().usersInOrg(OrgId.of(orgId), ORG_READERS);
        if (orgUsers.isEmpty()) {
            long dropped = droppedNoUser.incrementAndGet();
            LOG.info("change event dropped, no user of its org syncs: orgId={} changeType={} records={}"
                    + " droppedSoFar={}", orgId, event.changeType(), event.recordIds().size(), dropped);
            Metrics.current().changeIgnored(SyncMetrics.Direction.TO_SALES_CONNECT, "NoUserInOrg");
            return new ChangeEventResult(ChangeEventResult.Outcome.NO_USER_IN_ORG, 0, event.recordIds().size());
        }
        Instant now = clock.instant();
        if (event.changeType() == ChangeEvent.ChangeType.GAP_OVERFLOW || event.wildcard()) {
            stores.orgLimits().changeEventGap(OrgId.of(orgId), now);
            LOG.info("change event overflow, the org's sweeps run at full pace: orgId={} changeType={}", orgId,
                    event.changeType());
            return new ChangeEventResult(ChangeEventResult.Outcome.SWEEP, 0, 0);
        }
        if (event.madeBy(ChangeOrigins.CLIENT_ID)) {
            eventsFlow(orgId, now);
            return new ChangeEventResult(ChangeEventResult.Outcome.OWN_CHANGE, 0, event.recordIds().size());
        }
        SyncUsers users = new SyncUsers(stores, apis, statusCache, deadline);
        int applied = 0;
        int ignored = 0;
        List<String> toRead = new ArrayList<>();
        for (String id : event.recordIds()) {
            String sfId = SalesforceIds.to18(id);
            if (event.changeType() == ChangeEvent.ChangeType.DELETE
                    && staleDeletion(orgId, sfId, event.commitTimestamp())) {
                ignored++;
            } else {
                toRead.add(sfId);
            }
        }
        Reads reads = read(orgId, toRead, event.ownerId(), orgUsers, users);
        users.newBatchOfRows();
        for (String sfId : toRead) {
            SfTask row = reads.rows().get(sfId);
            SalesforceChangeApplier.Result result;
            if (row != null) {
                result = applyRow(orgId, row, users);
            } else if (reads.readByLinkUser().contains(sfId)) {
                // The user whose link holds it read nothing: gone from Salesforce (also hard deleted), as the sweep
                // takes it.
                result = applier.applyDeletion(orgId, sfId, null, null, users);
            } else {
                result = SalesforceChangeApplier.Result.NOTHING;
            }
            switch (result) {
                case IMPORTED, ADOPTED, MERGED, DELETED, OWNER_MOVED, RESTORED -> applied++;
                default -> ignored++;
            }
        }
        if (event.changeType().gap() || reads.leftToSweep() > 0) {
            stores.orgLimits().changeEventGap(OrgId.of(orgId), now);
        } else {
            eventsFlow(orgId, now);
        }
        LOG.info("change event applied: orgId={} changeType={} records={} applied={} ignored={} leftToSweep={}",
                orgId, event.changeType(), event.recordIds().size(), applied, ignored, reads.leftToSweep());
        return new ChangeEventResult(ChangeEventResult.Outcome.APPLIED, applied, ignored);
    }

    /**
     * True when a deletion the event reports is older than the version the link applied (an undelete came since):
     * SystemModstamp has whole seconds, the commit time milliseconds, so only an earlier second is surely older.
     */
    private boolean staleDeletion(String orgId, String sfId, Instant committed) {
        Optional<TaskLink> link = stores.links().findBySfId(OrgId.of(orgId), SalesforceId.of(sfId));
        return link.isPresent() && link.get().state() == LinkState.LINKED && link.get().sfModstamp() != null
                && committed.truncatedTo(ChronoUnit.SECONDS)
                        .isBefore(link.get().sfModstamp().truncatedTo(ChronoUnit.SECONDS));
    }

    private SalesforceChangeApplier.Result applyRow(String orgId, SfTask row, SyncUsers users) {
        try {
            if (row.deleted()) {
                return applier.applyDeletion(orgId, row.id(), row.systemModstamp(), null, users);
            }
            return applier.applyLive(orgId, row, users.ownerOf(orgId, row), users);
        } catch (SessionUnavailableException e) {
            return SalesforceChangeApplier.Result.NOTHING; // a push-back needs Salesforce: the sweep does it
        }
    }

    /**
     * @param rows            the versions read, by 18-char id (deleted rows included)
     * @param readByLinkUser  ids read by the user whose link holds them (a missing row means gone)
     * @param leftToSweep     ids no one could read now (no session, API limit): the sweep applies them
     */
    private record Reads(Map<String, SfTask> rows, List<String> readByLinkUser, int leftToSweep) {
    }

    private Reads read(String orgId, List<String> sfIds, String eventOwnerId, List<String> orgUsers,
                       SyncUsers users) {
        Map<String, List<String>> byReader = new LinkedHashMap<>();
        List<String> byLinkUser = new ArrayList<>();
        int unreadable = 0;
        for (String sfId : sfIds) {
            Optional<String> linkUser = stores.links().findBySfId(OrgId.of(orgId), SalesforceId.of(sfId))
                    .map(TaskLink::userId)
                    .filter(u -> readable(users, u));
            Optional<String> reader = linkUser
                    .or(() -> Optional.ofNullable(eventOwnerId).flatMap(o -> users.userIdForOwner(orgId, o))
                            .filter(u -> readable(users, u)))
                    .or(() -> orgUsers.stream().filter(u -> readable(users, u)).findFirst());
            if (reader.isEmpty()) {
                continue; // nobody here syncs what it could be: nothing to apply
            }
            if (linkUser.isPresent()) {
                byLinkUser.add(sfId);
            }
            byReader.computeIfAbsent(reader.get(), k -> new ArrayList<>()).add(sfId);
        }
        Map<String, SfTask> rows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : byReader.entrySet()) {
            SyncUser user = users.get(entry.getKey()).orElseThrow();
            try {
                rows.putAll(TaskQueries.byIds(user.api(), entry.getValue()));
            } catch (SessionUnavailableException e) {
                unreadable += entry.getValue().size();
                byLinkUser.removeAll(entry.getValue());
            } catch (SalesforceException e) {
                SalesforceFailures.Handling h = failures.handle(user, e);
                if (h.retryNow()) {
                    throw e;
                }
                unreadable += entry.getValue().size();
                byLinkUser.removeAll(entry.getValue());
            }
        }
        return new Reads(rows, byLinkUser, unreadable);
    }

    private boolean readable(SyncUsers users, String userId) {
        return users.get(userId).filter(u -> u.enabled() && u.connected() && !failures.blocked(u.orgId()))
                .isPresent();
    }

    /** Marks the org's events as flowing, at most once a minute per container (a burst writes once). */
    private void eventsFlow(String orgId, Instant now) {
        Instant last = seenWritten.get(orgId);
        if (last != null && last.isAfter(now.minus(SEEN_WRITE_EVERY))) {
            return;
        }
        if (seenWritten.size() >= MAX_ORGS_REMEMBERED) {
            seenWritten.clear();
        }
        stores.orgLimits().changeEventSeen(OrgId.of(orgId), now);
        seenWritten.put(orgId, now);
    }
}
