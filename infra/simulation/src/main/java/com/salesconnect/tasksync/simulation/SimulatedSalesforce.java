package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.RequestLimitExceededException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.sync.TaskQueries;
import com.salesconnect.tasksync.sync.TaskQuery;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskMapper;
import com.salesconnect.tasksync.task.TaskStatuses;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Salesforce orgs in memory, behaving as infra/salesforce-emulator documents Salesforce: SystemModstamp and
 * LastModifiedDate to the second (two writes in one second share them), LastModifiedDate only on user and API edits,
 * the recycle bin (15 days, queryAll with IsDeleted rows, undelete), hard deletes (emptied bin: gone from queryAll
 * and from getDeleted, which then reports a later earliestDateAvailable), getDeleted/getUpdated with seconds ignored,
 * windows of more than a minute, latestDateCovered at most the current minute and INVALID_REPLICATION_DATE for a
 * start before earliestDateAvailable, composite collections of at most 200 records (deletes 1,000 a call, as the
 * client sends them in one composite request) with per-record errors, query paging with locators, restricted
 * picklists, TaskSubtype only on create, the daily API limit, revoked refresh tokens and Outbound Messages (queued
 * on every create or edit by a person or through the API, a queued notification absorbs later edits, the data is
 * read when the message is sent, a deleted record is sent as its Id alone).
 *
 * <p>Queries arrive as SOQL text and are mapped back with {@link TaskQueries#recognise}; any other statement is
 * refused as MALFORMED_QUERY. Everything is ordered (tree maps, lists): nothing depends on hash order.
 */
public final class SimulatedSalesforce implements SalesforceApiFactory {

    public static final int COLLECTION_LIMIT = 200;
    public static final Duration RECYCLE_BIN = Duration.ofDays(15);
    public static final Duration MESSAGE_LIFETIME = Duration.ofHours(24);
    static final Duration LOCATOR_IDLE = Duration.ofMinutes(15);
    static final Duration UPDATED_LOOKBACK = Duration.ofDays(30);
    static final Duration LIMIT_BACKOFF = Duration.ofHours(1);
    static final Set<String> SUBTYPES = Set.of("Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn");
    static final Set<String> PRIORITIES = Set.of("High", "Normal", "Low");
    private static final Set<String> WRITABLE = Set.of("Subject", "Description", "ActivityDate", "Status",
            "Priority", "ReminderDateTime", "IsReminderSet", "TaskSubtype", "WhoId", "WhatId", "OwnerId");

    /** What the simulation learns from Salesforce as it happens. */
    public interface Observer {
        /** Our integration created {@code row} through the API of {@code caller}. */
        void apiCreated(Org org, Row row, SalesforceConnection caller);

        /** Our integration deleted {@code row} through the API of {@code caller}. */
        void apiDeleted(Org org, Row row, SalesforceConnection caller);
    }

    public enum EventKind {
        CREATED, EDITED, OWNER_CHANGED, DELETED, UNDELETED, HARD_DELETED, TOUCHED
    }

    /**
     * One change of a record: when, what, the owner afterwards, and whether our integration made it.
     *
     * @param valuesChanged false for an edit that left the values the sync maps (and the owner) as they were: only
     *                      its stamps, an unsynced field or a status of the same kind moved
     */
    public record Event(Instant at, EventKind kind, String ownerAfter, boolean byApi, boolean valuesChanged) {
        Event(Instant at, EventKind kind, String ownerAfter, boolean byApi) {
            this(at, kind, ownerAfter, byApi, true);
        }
    }

    /** A Task row, with what the simulation needs to know about its life. */
    public static final class Row {
        private SfTask task;
        private final String createdBy;
        private final String apiRef;
        private final String apiScUser;
        private final String apiSfUser;
        private Instant deletedAt;
        private boolean hardDeleted;
        private final List<Event> events = new ArrayList<>();

        Row(SfTask task, String createdBy, String apiRef, String apiScUser, String apiSfUser) {
            this.task = task;
            this.createdBy = createdBy;
            this.apiRef = apiRef;
            this.apiScUser = apiScUser;
            this.apiSfUser = apiSfUser;
        }

        public SfTask task() {
            return task;
        }

        public String id() {
            return task.id();
        }

        public boolean live() {
            return !hardDeleted && !task.deleted();
        }

        public boolean inRecycleBin() {
            return !hardDeleted && task.deleted();
        }

        public boolean hardDeleted() {
            return hardDeleted;
        }

        public String createdBy() {
            return createdBy;
        }

        /** The Sales Connect task id our integration created this record for (the write's ref); null otherwise. */
        public String apiRef() {
            return apiRef;
        }

        public String apiScUser() {
            return apiScUser;
        }

        public String apiSfUser() {
            return apiSfUser;
        }

        public Instant deletedAt() {
            return deletedAt;
        }

        public List<Event> events() {
            return events;
        }
    }

    /** A queued Outbound Message notification. */
    static final class Pending {
        final String notificationId;
        final String recordId;
        final Instant queuedAt;
        int attempts;

        Pending(String notificationId, String recordId, Instant queuedAt) {
            this.notificationId = notificationId;
            this.recordId = recordId;
            this.queuedAt = queuedAt;
        }
    }

    /** A message already delivered once, kept for a later duplicate delivery. */
    record Sent(OutboundMessage message, Instant sentAt) {
    }

    /** A message sent and held on the way: it arrives later (its notifications are not queued meanwhile). */
    record Held(List<Pending> pending, OutboundMessage message, Instant sentAt) {
    }

    private record Locator(List<SfTask> rest, int pageSize, Instant lastUsed) {
    }

    /** One org. */
    public final class Org {
        final String orgId;
        final String letter;
        final TaskStatuses statuses;
        final List<String> users;
        final int pageSize;
        final boolean nullsAsNil;
        final TreeMap<String, Row> rows = new TreeMap<>();
        final TreeMap<String, Row> graveyard = new TreeMap<>();
        final List<Pending> outbound = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        final List<Held> held = new ArrayList<>();
        final Map<String, Locator> locators = new LinkedHashMap<>();
        Instant lastPhysicalDelete;
        /** The oldest deletion in the recycle bin (or earlier): purge() has nothing to do before it expires. */
        Instant oldestDeletion;
        Instant limitedUntil;
        Instant downUntil;
        Instant slowUntil;
        long nextId;
        long nextNotification;
        long nextLocator;
        long apiCalls;

        Org(String orgId, String letter, TaskStatuses statuses, List<String> users, int pageSize,
            boolean nullsAsNil) {
            this.orgId = orgId;
            this.letter = letter;
            this.statuses = statuses;
            this.users = List.copyOf(users);
            this.pageSize = pageSize;
            this.nullsAsNil = nullsAsNil;
        }

        public String orgId() {
            return orgId;
        }

        public String name() {
            return "org" + letter;
        }

        public List<String> users() {
            return users;
        }

        public TaskStatuses statuses() {
            return statuses;
        }

        /** Rows of the table (live and in the recycle bin), by id. */
        public List<Row> rows() {
            purge();
            return List.copyOf(rows.values());
        }

        /** Every row ever, hard-deleted ones included (ground truth). */
        public List<Row> allRowsEver() {
            purge();
            List<Row> out = new ArrayList<>(rows.values());
            out.addAll(graveyard.values());
            return out;
        }

        public Optional<Row> row(String id) {
            purge();
            String key = Ids.to18(id);
            Row r = rows.get(key);
            return Optional.ofNullable(r != null ? r : graveyard.get(key));
        }

        public int queuedNotifications() {
            return outbound.size();
        }

        public int sentMessages() {
            return sent.size();
        }

        public int heldMessages() {
            return held.size();
        }

        String newId() {
            return Ids.to18(String.format("00T%s%011d", letter, ++nextId));
        }

        /** The recycle bin keeps deleted rows 15 days (by their deletion SystemModstamp). */
        void purge() {
            Instant cutoff = now().minus(RECYCLE_BIN);
            if (oldestDeletion == null || oldestDeletion.isAfter(cutoff)) {
                return;
            }
            oldestDeletion = null;
            for (Row r : rows.values()) {
                if (r.task.deleted() && r.task.systemModstamp().isAfter(cutoff)
                        && (oldestDeletion == null || r.task.systemModstamp().isBefore(oldestDeletion))) {
                    oldestDeletion = r.task.systemModstamp();
                }
            }
            List<String> expired = rows.values().stream()
                    .filter(r -> r.task.deleted() && !r.task.systemModstamp().isAfter(cutoff))
                    .map(Row::id).toList();
            for (String id : expired) {
                Row r = rows.remove(id);
                r.hardDeleted = true;
                graveyard.put(id, r);
            }
        }

        Instant earliestDeletedAvailable() {
            Instant earliest = now().minus(RECYCLE_BIN);
            if (lastPhysicalDelete != null && lastPhysicalDelete.isAfter(earliest)) {
                earliest = lastPhysicalDelete;
            }
            return minute(earliest);
        }

        void queueNotification(Row row) {
            for (Pending p : outbound) {
                if (p.recordId.equals(row.id())) {
                    return; // a queued notification absorbs the later edit: the data is read when sent
                }
            }
            outbound.add(new Pending(Ids.to18(String.format("04l%s%011d", letter, ++nextNotification)),
                    row.id(), now()));
        }

        /** The notification as sent now: the record's current data, or its Id alone once deleted. */
        OutboundMessage.Notification capture(Pending p) {
            Row r = rows.get(p.recordId);
            if (r == null || !r.live()) {
                return new OutboundMessage.Notification(p.notificationId, idOnly(p.recordId), Set.of("Id"));
            }
            SfTask t = r.task;
            Set<String> present = new HashSet<>(SalesforceApi.TASK_FIELDS);
            if (!nullsAsNil) {
                // Salesforce leaves null fields out of the message.
                if (t.description() == null) {
                    present.remove("Description");
                }
                if (t.activityDate() == null) {
                    present.remove("ActivityDate");
                }
                if (t.reminderDateTime() == null) {
                    present.remove("ReminderDateTime");
                }
                if (t.whoId() == null) {
                    present.remove("WhoId");
                }
                if (t.whatId() == null) {
                    present.remove("WhatId");
                }
                if (t.subject() == null) {
                    present.remove("Subject");
                }
            }
            return new OutboundMessage.Notification(p.notificationId, t, present);
        }

        OutboundMessage message(List<OutboundMessage.Notification> notifications) {
            return new OutboundMessage(orgId, Ids.to18("04k" + letter + "00000000001"),
                    "https://" + name() + ".my.salesforce.com/services/Soap/c/62.0",
                    "https://" + name() + ".my.salesforce.com/services/Soap/u/62.0", notifications);
        }
    }

    private final Clock clock;
    private final FaultInjector faults;
    private final Observer observer;
    private final TreeMap<String, Org> orgs = new TreeMap<>();
    private final Set<String> revokedTokens = new HashSet<>();
    private long apiRecordWrites;
    private long personWrites;
    private long renewals;

    public SimulatedSalesforce(Clock clock, FaultInjector faults, Observer observer) {
        this.clock = clock;
        this.faults = faults;
        this.observer = observer;
    }

    public Org addOrg(String letter, TaskStatuses statuses, List<String> users, int pageSize, boolean nullsAsNil) {
        Org org = new Org(orgId(letter), letter, statuses, users.stream().map(SalesforceIds::to18).toList(),
                pageSize, nullsAsNil);
        orgs.put(org.orgId, org);
        return org;
    }

    public static String orgId(String letter) {
        return ORG_IDS.computeIfAbsent(letter, l -> Ids.to18("00D" + l + "00000000001"));
    }

    private static final Map<String, String> ORG_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    public static String userId(String letter, int n) {
        return Ids.to18(String.format("005%s%011d", letter, n));
    }

    public List<Org> orgs() {
        return List.copyOf(orgs.values());
    }

    public Org org(String orgId) {
        Org org = orgs.get(orgId);
        if (org == null) {
            throw new IllegalArgumentException("no org " + orgId);
        }
        return org;
    }

    /** The org holding a record id (ids are unique across the simulated orgs; the 4th character is the org's). */
    public Optional<Org> orgOf(String sfId) {
        String key = Ids.to18(sfId);
        Org byLetter = key.length() > 3 ? orgs.get(orgId(key.substring(3, 4))) : null;
        if (byLetter != null && (byLetter.rows.containsKey(key) || byLetter.graveyard.containsKey(key))) {
            return Optional.of(byLetter);
        }
        return orgs.values().stream().filter(o -> o.rows.containsKey(key) || o.graveyard.containsKey(key))
                .findFirst();
    }

    public Optional<Row> rowEver(String sfId) {
        return orgOf(sfId).flatMap(o -> o.row(sfId));
    }

    /** Records created, updated or deleted through the API so far. */
    public long apiRecordWrites() {
        return apiRecordWrites;
    }

    /** Changes people (and automation) made in Salesforce so far. */
    public long personWrites() {
        return personWrites;
    }

    public long renewals() {
        return renewals;
    }

    // ---------------------------------------------------------------- tokens and limits

    /** The user revoked the connected app's refresh token (and every session issued from it). */
    public void revoke(String encryptedRefreshToken) {
        revokedTokens.add(encryptedRefreshToken);
    }

    public boolean revoked(String encryptedRefreshToken) {
        return revokedTokens.contains(encryptedRefreshToken);
    }

    /** Other integrations use up the org's daily allowance until {@code until}. */
    public void exhaustLimit(Org org, Instant until) {
        if (org.limitedUntil == null || until.isAfter(org.limitedUntil)) {
            org.limitedUntil = until;
        }
    }

    public void clearLimits() {
        orgs.values().forEach(o -> {
            o.limitedUntil = null;
            o.downUntil = null;
            o.slowUntil = null;
        });
    }

    /** The org answers 5xx to every call until {@code until}. */
    public void outage(Org org, Instant until) {
        org.downUntil = until;
        faults.count(FaultKind.SF_OUTAGE);
    }

    /** Every call to the org takes so long until {@code until} that the calling invocation runs out of time. */
    public void slow(Org org, Instant until) {
        org.slowUntil = until;
    }

    // ---------------------------------------------------------------- a person in the Salesforce UI

    public Row userCreates(Org org, String actor, Map<String, Object> fields) {
        personWrites++;
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.putIfAbsent("OwnerId", actor);
        List<SfError> errors = validate(org, f, null, true);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid task: " + errors);
        }
        Row row = insert(org, f, actor, null, null, null);
        org.queueNotification(row);
        return row;
    }

    public Row userEdits(Org org, Row row, Map<String, Object> changes) {
        personWrites++;
        if (!row.live()) {
            throw new IllegalArgumentException("not live: " + row.id());
        }
        List<SfError> errors = validate(org, changes, row.task, false);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid edit: " + errors);
        }
        edit(org, row, changes, false);
        org.queueNotification(row);
        return row;
    }

    /** Moves a task to the recycle bin. Deletes send no Outbound Message. */
    public void userDeletes(Org org, Row row) {
        personWrites++;
        markDeleted(row, false);
    }

    public void undelete(Org org, Row row) {
        personWrites++;
        if (!row.inRecycleBin()) {
            throw new IllegalArgumentException("not in the recycle bin: " + row.id());
        }
        Instant now = now();
        row.task = copy(org, row.task, Map.of(), now, now, false);
        row.deletedAt = null;
        row.events.add(new Event(now, EventKind.UNDELETED, row.task.ownerId(), false));
    }

    /** Removes a task for good: a live one (Bulk API hardDelete) or one in the recycle bin (emptied bin). */
    public void hardDelete(Org org, Row row) {
        personWrites++;
        if (row.hardDeleted) {
            return;
        }
        Instant now = now();
        org.rows.remove(row.id());
        row.hardDeleted = true;
        row.events.add(new Event(now, EventKind.HARD_DELETED, row.task.ownerId(), false));
        org.graveyard.put(row.id(), row);
        org.lastPhysicalDelete = now;
    }

    /** An automated process (workflow, trigger) touches the record: only SystemModstamp moves, no message. */
    public void systemTouch(Org org, Row row) {
        personWrites++;
        Instant now = now();
        row.task = copy(org, row.task, Map.of(), row.task.lastModifiedDate(), now, row.task.isDeleted());
        row.events.add(new Event(now, EventKind.TOUCHED, row.task.ownerId(), false));
    }

    // ---------------------------------------------------------------- Outbound Messages

    /**
     * The queued notifications of {@code org} at {@code order} (indexes into the queue, in the order they go into
     * the message). Callers give up expired notifications first ({@link #expireNotifications}).
     */
    List<Pending> takeForMessage(Org org, List<Integer> order) {
        List<Pending> out = new ArrayList<>();
        for (int i : order) {
            if (i < org.outbound.size() && !out.contains(org.outbound.get(i))) {
                out.add(org.outbound.get(i));
            }
        }
        return out;
    }

    void expireNotifications(Org org) {
        Instant horizon = now().minus(MESSAGE_LIFETIME);
        List<Pending> expired = org.outbound.stream().filter(p -> !p.queuedAt.isAfter(horizon)).toList();
        for (Pending p : expired) {
            org.outbound.remove(p);
            faults.count(FaultKind.MESSAGE_EXPIRED);
        }
        org.sent.removeIf(s -> !s.sentAt().isAfter(horizon));
        List<Held> lost = org.held.stream().filter(h -> !h.sentAt().isAfter(horizon)).toList();
        for (Held h : lost) {
            org.held.remove(h);
            faults.count(FaultKind.MESSAGE_EXPIRED);
        }
    }

    // ---------------------------------------------------------------- the API

    @Override
    public SalesforceApi forConnection(SalesforceConnection connection) {
        if (connection.state() == ConnectionState.BROKEN) {
            throw new ConnectionBrokenException("the Salesforce connection is broken; the user must connect again",
                    null);
        }
        return new Api(org(connection.orgId()), connection);
    }

    private final class Api implements SalesforceApi {

        private final Org org;
        private final SalesforceConnection connection;

        Api(Org org, SalesforceConnection connection) {
            this.org = org;
            this.connection = connection;
        }

        private <T> T call(String op, boolean write, Supplier<T> body) {
            FaultInjector.SfAction action = faults.beforeSalesforceCall(op, write);
            if (revoked(connection.encryptedRefreshToken())) {
                // 401 INVALID_SESSION_ID, and the renewal is refused (invalid_grant).
                throw new ConnectionBrokenException("Salesforce refused to renew the session", null);
            }
            Instant now = clock.instant();
            if (org.slowUntil != null && org.slowUntil.isAfter(now)) {
                faults.count(FaultKind.SF_TOO_SLOW);
                throw new SimulatedCrash("out of time: Salesforce " + op + " too slow");
            }
            if (org.downUntil != null && org.downUntil.isAfter(now)) {
                throw SalesforceUnavailableException.nothingWritten("HTTP 503 SERVER_UNAVAILABLE (outage, " + op + ")",
                        null);
            }
            switch (action) {
                case FAIL_5XX -> throw SalesforceUnavailableException.nothingWritten(
                        "HTTP 503 SERVER_UNAVAILABLE (" + op + ")", null);
                case TIME_OUT -> throw new SalesforceUnavailableException(
                        "time-out waiting for Salesforce, nothing written (" + op + ")", null);
                case LIMIT -> exhaustLimit(org, now().plus(Duration.ofMinutes(30)));
                case INVALID_SESSION -> renewals++;
                default -> {
                }
            }
            if (org.limitedUntil != null && org.limitedUntil.isAfter(now())) {
                throw new RequestLimitExceededException("the org's Salesforce API request limit is used up",
                        clock.instant().plus(LIMIT_BACKOFF));
            }
            org.apiCalls++;
            pending = action;
            T result;
            try {
                result = body.get();
            } catch (SalesforceRequestException refused) {
                faults.note("Salesforce refused " + op + ": " + refused.getMessage() + " " + refused.errors().stream()
                        .map(SfError::message).toList());
                throw refused;
            } finally {
                pending = FaultInjector.SfAction.NONE;
            }
            if (action == FaultInjector.SfAction.LOSE_RESPONSE) {
                throw new SalesforceUnavailableException("time-out waiting for Salesforce (" + op + ")", null);
            }
            if (action == FaultInjector.SfAction.CRASH_AFTER) {
                throw new SimulatedCrash("crash after salesforce " + op);
            }
            return result;
        }

        private FaultInjector.SfAction pending = FaultInjector.SfAction.NONE;

        /** The per-record fault of this write call, for record {@code index} of {@code size}. */
        private Optional<SfError> recordFault(int index, int size) {
            if (pending == FaultInjector.SfAction.LOCK_ALL
                    || (pending == FaultInjector.SfAction.LOCK_ONE && index == size / 2)) {
                return Optional.of(new SfError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record",
                        List.of()));
            }
            return Optional.empty();
        }

        @Override
        public List<SaveResult> create(List<SfWrite> writes) {
            return call("create", true, () -> {
                checkBatch(writes.size());
                checkFields(writes);
                List<SaveResult> out = new ArrayList<>();
                for (int i = 0; i < writes.size(); i++) {
                    SfWrite w = writes.get(i);
                    Optional<SfError> injected = recordFault(i, writes.size());
                    if (injected.isPresent()) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(injected.get())));
                        continue;
                    }
                    Map<String, Object> f = new LinkedHashMap<>(w.fields());
                    f.putIfAbsent("OwnerId", connection.sfUserId());
                    List<SfError> errors = validate(org, f, null, true);
                    if (!errors.isEmpty()) {
                        out.add(new SaveResult.Failed(w.ref(), errors));
                        continue;
                    }
                    Row row = insert(org, f, connection.sfUserId(), w.ref(), connection.userId(),
                            connection.sfUserId());
                    apiRecordWrites++;
                    observer.apiCreated(org, row, connection);
                    org.queueNotification(row);
                    out.add(new SaveResult.Saved(w.ref(), row.id()));
                }
                return out;
            });
        }

        @Override
        public List<SaveResult> update(List<SfWrite> writes) {
            return call("update", true, () -> {
                checkBatch(writes.size());
                checkFields(writes);
                org.purge();
                List<SaveResult> out = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < writes.size(); i++) {
                    SfWrite w = writes.get(i);
                    String key = Ids.to18(w.id());
                    Row row = org.rows.get(key);
                    if (!seen.add(key)) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(new SfError("DUPLICATE_VALUE",
                                "Duplicate id in list: " + key, List.of()))));
                        continue;
                    }
                    if (row == null || !row.live()) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(new SfError("ENTITY_IS_DELETED",
                                "entity is deleted", List.of()))));
                        continue;
                    }
                    Optional<SfError> injected = recordFault(i, writes.size());
                    if (injected.isPresent()) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(injected.get())));
                        continue;
                    }
                    List<SfError> errors = validate(org, w.fields(), row.task, false);
                    if (!errors.isEmpty()) {
                        out.add(new SaveResult.Failed(w.ref(), errors));
                        continue;
                    }
                    edit(org, row, w.fields(), true);
                    apiRecordWrites++;
                    org.queueNotification(row);
                    out.add(new SaveResult.Saved(w.ref(), key));
                }
                return out;
            });
        }

        @Override
        public List<SaveResult> delete(List<SalesforceId> sfIds) {
            List<String> ids = sfIds.stream().map(SalesforceId::value).toList();
            return call("delete", true, () -> {
                checkBatch(ids.size(), SalesforceApi.DELETES_PER_CALL);
                if (ids.isEmpty()) {
                    throw new SalesforceRequestException(400, List.of(new SfError("REQUIRED_FIELD_MISSING",
                            "no ids", List.of())));
                }
                org.purge();
                List<SaveResult> out = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    String key = Ids.to18(id);
                    Row row = org.rows.get(key);
                    if (!seen.add(key)) {
                        out.add(new SaveResult.Failed(id, List.of(new SfError("DUPLICATE_VALUE",
                                "Duplicate id in list: " + key, List.of()))));
                    } else if (row == null || !row.live()) {
                        out.add(new SaveResult.Failed(id, List.of(new SfError("ENTITY_IS_DELETED",
                                "entity is deleted", List.of()))));
                    } else {
                        Optional<SfError> injected = recordFault(i, ids.size());
                        if (injected.isPresent()) {
                            out.add(new SaveResult.Failed(id, List.of(injected.get())));
                            continue;
                        }
                        markDeleted(row, true);
                        apiRecordWrites++;
                        observer.apiDeleted(org, row, connection);
                        out.add(new SaveResult.Saved(id, key));
                    }
                }
                return out;
            });
        }

        @Override
        public QueryPage query(Soql soql) {
            return runQuery("query", soql, false);
        }

        @Override
        public QueryPage queryAll(Soql soql) {
            return runQuery("queryAll", soql, true);
        }

        private QueryPage runQuery(String op, Soql soql, boolean all) {
            return call(op, false, () -> {
                TaskQuery query = TaskQueries.recognise(soql).orElseThrow(() -> new SalesforceRequestException(400,
                        List.of(new SfError("MALFORMED_QUERY", "not a query shape of the sync", List.of()))));
                org.purge();
                List<SfTask> rows = evaluate(org, query).stream().filter(t -> all || !t.deleted()).toList();
                return page(org, rows);
            });
        }

        @Override
        public QueryPage nextPage(String nextRecordsUrl) {
            return call("nextPage", false, () -> {
                Locator l = org.locators.remove(nextRecordsUrl);
                if (l == null || l.lastUsed().plus(LOCATOR_IDLE).isBefore(clock.instant())) {
                    throw new SalesforceRequestException(400, List.of(new SfError("INVALID_QUERY_LOCATOR",
                            "invalid query locator", List.of())));
                }
                return page(org, l.rest());
            });
        }

        /**
         * As HttpSalesforceApi does it: the window is clamped to the last 30 days and to now, in whole minutes; a
         * window Salesforce would refuse as too short is answered empty without a call; a start before the delete
         * log's earliestDateAvailable (INVALID_REPLICATION_DATE) is moved there, learnt from a call for the last
         * three minutes.
         */
        @Override
        public DeletedRecords getDeleted(Instant start, Instant end) {
            Window window = clientWindow(start, end);
            if (tooShort(window)) {
                return new DeletedRecords(List.of(), null, window.start());
            }
            try {
                return fetchDeleted(window);
            } catch (SalesforceRequestException e) {
                if (e.errors().stream().noneMatch(err -> "INVALID_REPLICATION_DATE".equals(err.statusCode()))) {
                    throw e;
                }
                Instant now = clock.instant();
                Instant earliest = fetchDeleted(clientWindow(now.minus(Duration.ofMinutes(3)), now))
                        .earliestDateAvailable();
                if (earliest == null || !earliest.isAfter(window.start())) {
                    throw e;
                }
                Window later = clientWindow(earliest, end);
                if (tooShort(later)) {
                    return new DeletedRecords(List.of(), earliest, later.start());
                }
                return fetchDeleted(later);
            }
        }

        /** Salesforce's sobjects/Task/deleted on a window the client made. */
        private DeletedRecords fetchDeleted(Window client) {
            return call("getDeleted", false, () -> {
                Window w = window(client.start(), client.covered());
                Instant earliest = org.earliestDeletedAvailable();
                if (w.start().isBefore(earliest)) {
                    throw replicationDate("startDate is earlier than the earliest date available");
                }
                List<DeletedRecord> out = org.rows.values().stream()
                        .filter(Row::inRecycleBin)
                        .filter(r -> within(r.task.systemModstamp(), w.start(), w.covered()))
                        .map(r -> new DeletedRecord(r.id(), r.task.systemModstamp()))
                        .toList();
                return new DeletedRecords(out, earliest, w.covered());
            });
        }

        /** As HttpSalesforceApi: same window rules as {@link #getDeleted}. */
        @Override
        public UpdatedRecords getUpdated(Instant start, Instant end) {
            Window client = clientWindow(start, end);
            if (tooShort(client)) {
                return new UpdatedRecords(List.of(), client.start());
            }
            return call("getUpdated", false, () -> {
                Window w = window(client.start(), client.covered());
                if (w.start().isBefore(minute(clock.instant()).minus(UPDATED_LOOKBACK))) {
                    throw replicationDate("startDate cannot be more than 30 days ago");
                }
                List<String> ids = org.rows.values().stream().filter(Row::live)
                        .filter(r -> within(r.task.systemModstamp(), w.start(), w.covered()))
                        .map(Row::id).toList();
                return new UpdatedRecords(ids, w.covered());
            });
        }

        @Override
        public TaskStatuses taskStatuses() {
            return call("taskStatuses", false, () -> org.statuses);
        }

        /** The first user of each org has View All Data (so org A and B each have a user whose logs see all). */
        @Override
        public boolean seesAllTasks() {
            return call("seesAllTasks", false, () -> org.users.get(0).equals(SalesforceIds.to18(connection.sfUserId())));
        }

        @Override
        public Optional<ApiUsage> lastUsage() {
            return Optional.of(new ApiUsage(org.apiCalls, 15_000));
        }
    }

    // ---------------------------------------------------------------- the org's behaviour

    private record Window(Instant start, Instant covered) {
    }

    /** The client's window: at most 30 days back (one minute of margin) and up to now, in whole minutes. */
    private Window clientWindow(Instant start, Instant end) {
        Instant now = clock.instant();
        Instant oldest = now.minus(UPDATED_LOOKBACK).plus(Duration.ofMinutes(1));
        Instant from = (start.isBefore(oldest) ? oldest : start).truncatedTo(ChronoUnit.MINUTES);
        Instant to = (end.isAfter(now) ? now : end).truncatedTo(ChronoUnit.MINUTES);
        return new Window(from, to);
    }

    private static boolean tooShort(Window w) {
        return !w.covered().isAfter(w.start().plus(Duration.ofMinutes(1)));
    }

    private Window window(Instant start, Instant end) {
        Instant s = minute(start);
        Instant e = minute(end);
        if (!e.isAfter(s.plus(Duration.ofMinutes(1)))) {
            throw replicationDate("startDate must chronologically precede endDate by more than one minute");
        }
        Instant now = minute(clock.instant());
        Instant covered = e.isAfter(now) ? now : e;
        return new Window(s, covered.isBefore(s) ? s : covered);
    }

    private static SalesforceRequestException replicationDate(String message) {
        return new SalesforceRequestException(400, List.of(new SfError("INVALID_REPLICATION_DATE", message,
                List.of())));
    }

    private static boolean within(Instant t, Instant start, Instant end) {
        return t != null && !t.isBefore(start) && t.isBefore(end);
    }

    private static void checkBatch(int size) {
        checkBatch(size, COLLECTION_LIMIT);
    }

    /** The client's limit: 200 records a collection request, deletes five requests a call (one composite). */
    private static void checkBatch(int size, int limit) {
        if (size > limit) {
            throw new SalesforceRequestException(400, List.of(new SfError("EXCEEDED_ID_LIMIT",
                    "record limit exceeded", List.of())));
        }
    }

    /** An unknown field or a value of the wrong shape fails the whole request (HTTP 400). */
    private static void checkFields(List<SfWrite> writes) {
        for (SfWrite w : writes) {
            for (Map.Entry<String, Object> e : w.fields().entrySet()) {
                if (!WRITABLE.contains(e.getKey())) {
                    throw new SalesforceRequestException(400, List.of(new SfError("INVALID_FIELD",
                            "No such column '" + e.getKey() + "' on sobject of type Task", List.of(e.getKey()))));
                }
                Object v = e.getValue();
                boolean ok = switch (e.getKey()) {
                    case "ActivityDate" -> v == null || v instanceof LocalDate;
                    case "ReminderDateTime" -> v == null || v instanceof Instant;
                    case "IsReminderSet" -> v == null || v instanceof Boolean;
                    default -> v == null || v instanceof String;
                };
                if (!ok) {
                    throw new SalesforceRequestException(400, List.of(new SfError("JSON_PARSER_ERROR",
                            "Cannot deserialize " + e.getKey(), List.of(e.getKey()))));
                }
            }
        }
    }

    private List<SfError> validate(Org org, Map<String, Object> f, SfTask existing, boolean create) {
        List<SfError> errors = new ArrayList<>();
        String subject = (String) f.get("Subject");
        if (subject != null && subject.length() > 255) {
            errors.add(new SfError("STRING_TOO_LONG", "Subject: data value too large", List.of("Subject")));
        }
        String description = (String) f.get("Description");
        if (description != null && description.length() > 32_000) {
            errors.add(new SfError("STRING_TOO_LONG", "Description: data value too large", List.of("Description")));
        }
        if (f.containsKey("Status") && f.get("Status") != null
                && org.statuses.values().stream().noneMatch(s -> s.apiName().equals(f.get("Status")))) {
            errors.add(new SfError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Status: bad value for restricted "
                    + "picklist field", List.of("Status")));
        }
        if (f.get("Priority") != null && !PRIORITIES.contains((String) f.get("Priority"))) {
            errors.add(new SfError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Priority: bad value for restricted "
                    + "picklist field", List.of("Priority")));
        }
        if (f.containsKey("TaskSubtype")) {
            if (!create) {
                errors.add(new SfError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                        + "TaskSubtype", List.of("TaskSubtype")));
            } else if (f.get("TaskSubtype") != null && !SUBTYPES.contains((String) f.get("TaskSubtype"))) {
                errors.add(new SfError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Task Subtype: bad value",
                        List.of("TaskSubtype")));
            }
        }
        if (!create) {
            for (String required : List.of("Status", "Priority", "OwnerId")) {
                if (f.containsKey(required) && f.get(required) == null) {
                    errors.add(new SfError("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + required
                            + "]", List.of(required)));
                }
            }
        }
        Object owner = f.get("OwnerId");
        if (owner != null && org.users.stream().noneMatch(u -> Ids.same(u, (String) owner))) {
            errors.add(new SfError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("OwnerId")));
        }
        Object who = f.get("WhoId");
        if (who != null && !(((String) who).startsWith("003") || ((String) who).startsWith("00Q"))) {
            errors.add(new SfError("FIELD_INTEGRITY_EXCEPTION", "Name ID: id value of incorrect type",
                    List.of("WhoId")));
        }
        Object what = f.get("WhatId");
        if (what != null && (((String) what).startsWith("003") || ((String) what).startsWith("00Q")
                || ((String) what).startsWith("005"))) {
            errors.add(new SfError("FIELD_INTEGRITY_EXCEPTION", "Related To ID: id value of incorrect type",
                    List.of("WhatId")));
        }
        return errors;
    }

    private Row insert(Org org, Map<String, Object> f, String actor, String apiRef, String apiScUser,
                       String apiSfUser) {
        Instant now = now();
        String status = (String) f.getOrDefault("Status", null);
        if (status == null) {
            status = org.statuses.defaultOpen();
        }
        String priority = f.get("Priority") == null ? "Normal" : (String) f.get("Priority");
        Boolean reminderSet = f.get("IsReminderSet") == null ? Boolean.FALSE : (Boolean) f.get("IsReminderSet");
        String owner = Ids.to18((String) f.get("OwnerId"));
        SfTask task = new SfTask(org.newId(), owner, (String) f.get("Subject"), (String) f.get("Description"),
                (LocalDate) f.get("ActivityDate"), status, org.statuses.isClosed(status), priority,
                seconds((Instant) f.get("ReminderDateTime")), reminderSet,
                f.get("TaskSubtype") == null ? "Task" : (String) f.get("TaskSubtype"), ref((String) f.get("WhoId")),
                ref((String) f.get("WhatId")), now, now, now, false, false, Ids.to18(actor));
        Row row = new Row(task, actor, apiRef, apiScUser, apiSfUser);
        row.events.add(new Event(now, EventKind.CREATED, owner, apiRef != null));
        org.rows.put(row.id(), row);
        return row;
    }

    private void edit(Org org, Row row, Map<String, Object> changes, boolean byApi) {
        Instant now = now();
        SfTask before = row.task;
        row.task = copy(org, row.task, changes, now, now, false);
        boolean ownerChanged = !Ids.same(before.ownerId(), row.task.ownerId());
        // As the sync sees them: the synced fields (TaskMapper), and the owner. A change of an unsynced field (WhoId)
        // or to another status of the same kind (open, closed) leaves what a recovery compares unchanged.
        boolean valuesChanged = ownerChanged || !TaskMapper.fromSalesforce(before, () -> org.statuses)
                .equals(TaskMapper.fromSalesforce(row.task, () -> org.statuses));
        row.events.add(new Event(now, ownerChanged ? EventKind.OWNER_CHANGED : EventKind.EDITED, row.task.ownerId(),
                byApi, valuesChanged));
    }

    private void markDeleted(Row row, boolean byApi) {
        Instant now = now();
        Org org = orgOf(row.id()).orElseThrow();
        row.task = copy(org, row.task, Map.of(), now, now, true);
        row.deletedAt = now;
        if (org.oldestDeletion == null || now.isBefore(org.oldestDeletion)) {
            org.oldestDeletion = now;
        }
        row.events.add(new Event(now, EventKind.DELETED, row.task.ownerId(), byApi));
    }

    private SfTask copy(Org org, SfTask t, Map<String, Object> f, Instant lastModified, Instant stamp,
                        Boolean deleted) {
        String status = (String) f.getOrDefault("Status", t.status());
        return new SfTask(t.id(),
                f.containsKey("OwnerId") ? Ids.to18((String) f.get("OwnerId")) : t.ownerId(),
                (String) f.getOrDefault("Subject", t.subject()),
                (String) f.getOrDefault("Description", t.description()),
                (LocalDate) f.getOrDefault("ActivityDate", t.activityDate()),
                status, status != null && org.statuses.isClosed(status),
                (String) f.getOrDefault("Priority", t.priority()),
                seconds((Instant) f.getOrDefault("ReminderDateTime", t.reminderDateTime())),
                f.containsKey("IsReminderSet") ? Boolean.TRUE.equals(f.get("IsReminderSet")) : t.isReminderSet(),
                t.taskSubtype(),
                f.containsKey("WhoId") ? ref((String) f.get("WhoId")) : t.whoId(),
                f.containsKey("WhatId") ? ref((String) f.get("WhatId")) : t.whatId(),
                t.createdDate(), lastModified, stamp, deleted, t.isRecurrence(), t.createdById());
    }

    private List<SfTask> evaluate(Org org, TaskQuery query) {
        Comparator<SfTask> byStamp = Comparator.comparing(SfTask::systemModstamp).thenComparing(SfTask::id);
        Stream<SfTask> rows = org.rows.values().stream().map(Row::task);
        if (query instanceof TaskQuery.ByIds q) {
            Set<String> ids = new HashSet<>(q.ids().stream().map(SalesforceIds::to18).toList());
            return rows.filter(t -> ids.contains(t.id())).sorted(Comparator.comparing(SfTask::id)).toList();
        }
        if (query instanceof TaskQuery.ChangedSince q) {
            return rows.filter(t -> Ids.same(q.ownerId(), t.ownerId())
                            && t.systemModstamp().isAfter(q.since()))
                    .sorted(byStamp).toList();
        }
        if (query instanceof TaskQuery.ImportPage q) {
            return rows.filter(t -> !t.deleted() && Ids.same(q.ownerId(), t.ownerId())
                            && !t.lastModifiedDate().isBefore(q.modifiedSince())
                            && (q.after() == null || t.systemModstamp().isAfter(q.after().systemModstamp())
                            || (t.systemModstamp().equals(q.after().systemModstamp())
                            && t.id().compareTo(Ids.to18(q.after().sfId())) > 0)))
                    .sorted(byStamp).limit(q.limit()).toList();
        }
        TaskQuery.RecentCreates q = (TaskQuery.RecentCreates) query;
        return rows.filter(t -> Ids.same(q.ownerId(), t.ownerId()) && Ids.same(q.ownerId(), t.createdById())
                        && !t.createdDate().isBefore(q.createdSince()) && !t.createdDate().isAfter(q.createdUntil()))
                .sorted(Comparator.comparing(SfTask::createdDate).thenComparing(SfTask::id)).toList();
    }

    private SalesforceApi.QueryPage page(Org org, List<SfTask> rows) {
        if (rows.size() <= org.pageSize) {
            return new SalesforceApi.QueryPage(rows, rows.size(), true, null);
        }
        String locator = "/services/data/v62.0/query/01g" + org.letter + (++org.nextLocator) + "-" + org.pageSize;
        org.locators.put(locator, new Locator(List.copyOf(rows.subList(org.pageSize, rows.size())), org.pageSize,
                clock.instant()));
        return new SalesforceApi.QueryPage(rows.subList(0, org.pageSize), rows.size(), false, locator);
    }

    private static SfTask idOnly(String id) {
        return new SfTask(id, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static String ref(String id) {
        return id == null ? null : Ids.to18(id);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant minute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    private static Instant seconds(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS);
    }
}
