package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.OutOfTimeException;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.RequestLimitExceededException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SessionUnavailableException;
import com.salesconnect.tasksync.salesforce.SfError;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.sync.TaskQueries;
import com.salesconnect.tasksync.sync.TaskQuery;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskStatuses;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An in-memory Salesforce org, good enough for engine unit tests: the Task object with ids, audit fields
 * (CreatedDate, LastModifiedDate, SystemModstamp to the second, from the given clock), the recycle bin (IsDeleted,
 * {@code queryAll}, {@code getDeleted} over 15 days), field validation as Salesforce does it (lengths,
 * restricted picklists, TaskSubtype only on create), composite per-record results, call counting, and switchable
 * failures.
 *
 * <p>It evaluates only the sync's own query shapes: statements are mapped back to {@link TaskQuery} by
 * {@link TaskQueries#recognise}; anything else is refused as MALFORMED_QUERY, so a new query shape cannot slip by
 * untested. One instance is one org; {@link #forConnection} opens the API as a connected user.
 *
 * <p>Deliberate simplification: SystemModstamp is strictly increasing per record even for two writes in the same
 * second, so tests need not move the clock between edits.
 */
public final class FakeSalesforce implements SalesforceApiFactory {

    public static final String ORG_ID = SalesforceIds.to18("00D5g00000ORG01");
    public static final int MAX_RECORDS = 200;
    static final Duration RECYCLE_BIN = Duration.ofDays(15);
    private static final Set<String> WRITABLE = Set.of("Subject", "Description", "ActivityDate", "Status",
            "Priority", "ReminderDateTime", "IsReminderSet", "TaskSubtype", "WhoId", "WhatId", "OwnerId");

    /** Switchable failure kinds of whole calls. */
    public enum Failure {
        /** Salesforce answered 503 on every attempt: nothing was written. */
        UNAVAILABLE,
        /** The call timed out before it reached Salesforce's database: nothing written, but the caller cannot tell. */
        TIMED_OUT,
        LIMIT_EXCEEDED, CONNECTION_BROKEN, REQUEST_REJECTED,
        /** The invocation has no time left for the call (the client refuses to start it). */
        OUT_OF_TIME,
        /** What the API opened on a shared access token throws without a usable one (salesforce-inbound). */
        SESSION_UNAVAILABLE,
        /** The invocation dies during the call (Lambda's time-out while Salesforce hangs): {@link InvocationKilled}. */
        KILLED
    }

    /** Thrown for {@link Failure#KILLED}: an Error, so no handler's catch of exceptions stops it. */
    public static final class InvocationKilled extends Error {
        InvocationKilled(String operation) {
            super("the invocation died during " + operation);
        }
    }

    /** One API call as the fake saw it: operation name, the user calling, and the typed query if any. */
    public record Call(String operation, String sfUserId, TaskQuery query, int records) {
    }

    private record ArmedFailure(Failure failure, String operation, int times) {
    }

    private record ArmedRejection(String key, SfError error, int times) {
    }

    private final Clock clock;
    private final String orgId;
    private final Map<String, SfTask> records = new LinkedHashMap<>();
    private final Map<String, Instant> deletedDates = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, List<SfTask>> locators = new HashMap<>();
    private final List<ArmedFailure> failures = new ArrayList<>();
    private final List<ArmedRejection> rejections = new ArrayList<>();
    private final Set<String> lostResponses = new HashSet<>();
    private final Map<String, Runnable> afterCall = new HashMap<>();
    private TaskStatuses statuses = TaskStatuses.SALESFORCE_DEFAULTS;
    private Set<String> priorities = Set.of("High", "Normal", "Low");
    private int pageSize = 2_000;
    private long nextId;
    private long nextNotification;
    private long nextLocator;
    private int recordsWritten;
    private Instant limitRetryAfter;
    private Instant lastPhysicalDelete;
    private final Set<String> viewAllUsers = new HashSet<>();

    public FakeSalesforce(Clock clock) {
        this(clock, ORG_ID);
    }

    public FakeSalesforce(Clock clock, String orgId) {
        this.clock = clock;
        this.orgId = orgId;
    }

    /** Gives {@code sfUserId} View All Data (or takes it away): its change logs then hold every task. */
    public synchronized void viewAllData(String sfUserId, boolean granted) {
        if (granted) {
            viewAllUsers.add(sfUserId);
        } else {
            viewAllUsers.remove(sfUserId);
        }
    }

    public String orgId() {
        return orgId;
    }

    @Override
    public SalesforceApi forConnection(SalesforceConnection connection) {
        if (!connection.orgId().equals(orgId)) {
            throw new IllegalArgumentException("connection of another org");
        }
        return new Api(connection.sfUserId());
    }

    /** The API as {@code sfUserId}, without a stored connection. */
    public SalesforceApi as(String sfUserId) {
        return new Api(sfUserId);
    }

    // ---------------------------------------------------------------- configuration

    public synchronized void setStatuses(TaskStatuses statuses) {
        this.statuses = statuses;
    }

    public synchronized void setPriorities(Set<String> priorities) {
        this.priorities = Set.copyOf(priorities);
    }

    /** Rows per query page (2,000 in Salesforce). */
    public synchronized void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /** The next {@code times} calls of {@code operation} (null: any) fail with {@code failure}. */
    public synchronized void fail(Failure failure, String operation, int times) {
        failures.add(new ArmedFailure(failure, operation, times));
    }

    /** Every call fails with {@code failure} until {@link #heal()}. */
    public synchronized void failAlways(Failure failure) {
        failures.add(new ArmedFailure(failure, null, Integer.MAX_VALUE));
    }

    public synchronized void setLimitRetryAfter(Instant retryAfter) {
        this.limitRetryAfter = retryAfter;
    }

    public synchronized void heal() {
        failures.clear();
        rejections.clear();
        lostResponses.clear();
    }

    /**
     * The next {@code times} writes of record {@code key} (the Salesforce id for update/delete, the ref for create)
     * fail with {@code error}, the other records of the call succeed.
     */
    public synchronized void rejectRecord(String key, SfError error, int times) {
        rejections.add(new ArmedRejection(key, error, times));
    }

    /** The next call of {@code operation} is carried out, but its response is lost (a timeout after commit). */
    public synchronized void loseNextResponse(String operation) {
        lostResponses.add(operation);
    }

    /** Runs {@code action} right after the next call of {@code operation}, before the caller sees the result. */
    public synchronized void afterNext(String operation, Runnable action) {
        afterCall.put(operation, action);
    }

    // ---------------------------------------------------------------- observation

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized int callCount() {
        return calls.size();
    }

    public synchronized List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Create, update and delete calls. */
    public synchronized int writeCalls() {
        return (int) calls.stream().filter(c -> Set.of("create", "update", "delete").contains(c.operation())).count();
    }

    /** Records successfully created, updated or deleted through the API. */
    public synchronized int recordsWritten() {
        return recordsWritten;
    }

    public synchronized void resetCounts() {
        calls.clear();
        recordsWritten = 0;
    }

    /** The record as stored, deleted ones included; empty once purged or never created. */
    public synchronized Optional<SfTask> task(String id) {
        purge();
        return Optional.ofNullable(records.get(SalesforceIds.to18(id)));
    }

    public synchronized SfTask get(String id) {
        return task(id).orElseThrow(() -> new IllegalArgumentException("no task " + id));
    }

    /** Live tasks of an owner. */
    public synchronized List<SfTask> liveTasksOf(String ownerId) {
        purge();
        return records.values().stream().filter(t -> !t.deleted() && ownerId.equals(t.ownerId())).toList();
    }

    public synchronized List<SfTask> liveTasks() {
        purge();
        return records.values().stream().filter(t -> !t.deleted()).toList();
    }

    // ---------------------------------------------------------------- a person in the Salesforce UI

    /** Creates a task as a user would (fields by API name); returns the stored record. */
    public SfTask userCreates(String ownerId, Map<String, Object> fields) {
        return userCreates(ownerId, ownerId, fields);
    }

    /** Creates a task for {@code ownerId} as the user {@code creatorId} would (the record's CreatedById). */
    public synchronized SfTask userCreates(String creatorId, String ownerId, Map<String, Object> fields) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.putIfAbsent("OwnerId", ownerId);
        Outcome o = insert(creatorId, f);
        if (o.errors() != null) {
            throw new IllegalArgumentException("invalid task: " + o.errors());
        }
        return o.row();
    }

    public SfTask userCreates(String ownerId, String subject) {
        return userCreates(ownerId, Map.of("Subject", subject));
    }

    /** Edits a task as a user would: LastModifiedDate and SystemModstamp move. */
    public synchronized SfTask userEdits(String id, Map<String, Object> changes) {
        String key = SalesforceIds.to18(id);
        SfTask row = records.get(key);
        if (row == null || row.deleted()) {
            throw new IllegalArgumentException("no live task " + id);
        }
        Map<String, Object> f = new LinkedHashMap<>(changes);
        List<SfError> errors = validate(f, row, false, true);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid edit: " + errors);
        }
        SfTask next = apply(row, f, true);
        records.put(key, next);
        return next;
    }

    /** Deletes a task as a user would: into the recycle bin (no outbound message in Salesforce). */
    public synchronized SfTask userDeletes(String id) {
        String key = SalesforceIds.to18(id);
        SfTask row = records.get(key);
        if (row == null || row.deleted()) {
            throw new IllegalArgumentException("no live task " + id);
        }
        return markDeleted(key, row);
    }

    /**
     * Removes a task for good, as emptying the recycle bin or a bulk hard delete does: queryAll no longer returns it,
     * and the deletion log reports, through its earliestDateAvailable, that it cannot cover times before now.
     */
    public synchronized void hardDeletes(String id) {
        String key = SalesforceIds.to18(id);
        if (records.remove(key) == null) {
            throw new IllegalArgumentException("no task " + id);
        }
        deletedDates.remove(key);
        lastPhysicalDelete = now();
    }

    public synchronized SfTask undelete(String id) {
        String key = SalesforceIds.to18(id);
        SfTask row = records.get(key);
        Instant stamp = nextStamp(row);
        SfTask next = copy(row, Map.of(), row.lastModifiedDate(), stamp, false);
        records.put(key, next);
        deletedDates.remove(key);
        return next;
    }

    /** An automated change (workflow, trigger): only SystemModstamp moves. */
    public synchronized SfTask systemTouch(String id) {
        String key = SalesforceIds.to18(id);
        SfTask row = records.get(key);
        SfTask next = copy(row, Map.of(), row.lastModifiedDate(), nextStamp(row), row.isDeleted());
        records.put(key, next);
        return next;
    }

    /** Stores a record as given (e.g. created "30 hours ago"): the audit fields are taken as they are. */
    public synchronized SfTask seed(SfTask task) {
        SfTask row = task;
        if (row.isClosed() == null && row.status() != null) {
            row = copy(row, Map.of(), row.lastModifiedDate(), row.systemModstamp(), row.isDeleted());
        }
        records.put(SalesforceIds.to18(row.id()), row);
        if (row.deleted()) {
            deletedDates.put(SalesforceIds.to18(row.id()), row.systemModstamp());
        }
        return row;
    }

    /** A fresh Task id of this org. */
    public synchronized String newId() {
        return SalesforceIds.to18(String.format("00T5g%010d", ++nextId));
    }

    // ---------------------------------------------------------------- outbound messages

    /** A notification carrying every Task field of the current record, with a new notification id. */
    public synchronized OutboundMessage.Notification notificationFor(String id) {
        return new OutboundMessage.Notification(newNotificationId(), get(id), Set.copyOf(SalesforceApi.TASK_FIELDS));
    }

    /** A notification carrying only {@code fields} (and Id), as an Outbound Message with a field selection. */
    public synchronized OutboundMessage.Notification notificationFor(String id, Set<String> fields) {
        SfTask t = get(id);
        Predicate<String> has = name -> name.equals("Id") || fields.contains(name);
        SfTask partial = new SfTask(t.id(), has.test("OwnerId") ? t.ownerId() : null,
                has.test("Subject") ? t.subject() : null, has.test("Description") ? t.description() : null,
                has.test("ActivityDate") ? t.activityDate() : null, has.test("Status") ? t.status() : null,
                has.test("IsClosed") ? t.isClosed() : null, has.test("Priority") ? t.priority() : null,
                has.test("ReminderDateTime") ? t.reminderDateTime() : null,
                has.test("IsReminderSet") ? t.isReminderSet() : null,
                has.test("TaskSubtype") ? t.taskSubtype() : null, has.test("WhoId") ? t.whoId() : null,
                has.test("WhatId") ? t.whatId() : null, has.test("CreatedDate") ? t.createdDate() : null,
                has.test("LastModifiedDate") ? t.lastModifiedDate() : null,
                has.test("SystemModstamp") ? t.systemModstamp() : null, has.test("IsDeleted") ? t.isDeleted() : null,
                has.test("IsRecurrence") ? t.isRecurrence() : null, has.test("CreatedById") ? t.createdById() : null);
        Set<String> present = new HashSet<>(fields);
        present.add("Id");
        return new OutboundMessage.Notification(newNotificationId(), partial, present);
    }

    public OutboundMessage message(OutboundMessage.Notification... notifications) {
        return message(List.of(notifications));
    }

    public OutboundMessage message(List<OutboundMessage.Notification> notifications) {
        return new OutboundMessage(orgId, "04k5g0000000001AAA", "https://fake.my.salesforce.com/services/Soap/c/62.0",
                "https://fake.my.salesforce.com/services/Soap/u/62.0", notifications);
    }

    /** A message with one full notification per id. */
    public OutboundMessage messageFor(String... ids) {
        return message(Stream.of(ids).map(this::notificationFor).toList());
    }

    private String newNotificationId() {
        return SalesforceIds.to18(String.format("04l5g%010d", ++nextNotification));
    }

    // ---------------------------------------------------------------- the org's behaviour

    private record Outcome(SfTask row, List<SfError> errors) {
    }

    private Outcome insert(String callerId, Map<String, Object> fields) {
        List<SfError> errors = validate(fields, null, true, true);
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        Instant now = now();
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.putIfAbsent("Status", statuses.defaultOpen());
        f.putIfAbsent("Priority", "Normal");
        f.putIfAbsent("TaskSubtype", "Task");
        f.putIfAbsent("IsReminderSet", false);
        f.putIfAbsent("OwnerId", callerId);
        String id = newId();
        SfTask blank = new SfTask(id, null, null, null, null, null, null, null, null, null, null, null, null, now,
                now, now, false, false, callerId);
        SfTask row = copy(blank, f, now, now, false);
        records.put(id, row);
        return new Outcome(row, null);
    }

    private List<SfError> validate(Map<String, Object> f, SfTask existing, boolean create, boolean fromUi) {
        List<SfError> errors = new ArrayList<>();
        for (String name : f.keySet()) {
            if (!WRITABLE.contains(name)) {
                errors.add(new SfError("INVALID_FIELD", "No such column '" + name + "' on entity 'Task'",
                        List.of(name)));
            }
        }
        if (!create && !fromUi && f.containsKey("TaskSubtype")) {
            errors.add(new SfError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: TaskSubtype",
                    List.of("TaskSubtype")));
        }
        if (f.get("Subject") instanceof String s && s.length() > 255) {
            errors.add(new SfError("STRING_TOO_LONG", "Subject: data value too large", List.of("Subject")));
        }
        if (f.get("Description") instanceof String s && s.length() > 32_000) {
            errors.add(new SfError("STRING_TOO_LONG", "Description: data value too large", List.of("Description")));
        }
        if (f.containsKey("Status") && (f.get("Status") == null || statuses.find((String) f.get("Status")).isEmpty())) {
            errors.add(new SfError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Status: bad value for restricted "
                    + "picklist field", List.of("Status")));
        }
        if (f.containsKey("Priority") && !priorities.contains(String.valueOf(f.get("Priority")))) {
            errors.add(new SfError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Priority: bad value for restricted "
                    + "picklist field", List.of("Priority")));
        }
        checkType(f, "ActivityDate", LocalDate.class, errors);
        checkType(f, "ReminderDateTime", Instant.class, errors);
        checkType(f, "IsReminderSet", Boolean.class, errors);
        return errors;
    }

    private static void checkType(Map<String, Object> f, String name, Class<?> type, List<SfError> errors) {
        Object v = f.get(name);
        if (v != null && !type.isInstance(v)) {
            errors.add(new SfError("JSON_PARSER_ERROR", "Cannot deserialize " + name, List.of(name)));
        }
    }

    private SfTask apply(SfTask row, Map<String, Object> f, boolean userEdit) {
        Instant stamp = nextStamp(row);
        return copy(row, f, userEdit ? stamp : row.lastModifiedDate(), stamp, row.isDeleted());
    }

    private SfTask copy(SfTask t, Map<String, Object> f, Instant lastModified, Instant stamp, Boolean deleted) {
        String status = (String) f.getOrDefault("Status", t.status());
        Boolean closed = status == null ? null : statuses.isClosed(status);
        return new SfTask(t.id(),
                (String) f.getOrDefault("OwnerId", t.ownerId()),
                (String) f.getOrDefault("Subject", t.subject()),
                (String) f.getOrDefault("Description", t.description()),
                (LocalDate) f.getOrDefault("ActivityDate", t.activityDate()),
                status, closed,
                (String) f.getOrDefault("Priority", t.priority()),
                seconds((Instant) f.getOrDefault("ReminderDateTime", t.reminderDateTime())),
                (Boolean) f.getOrDefault("IsReminderSet", t.isReminderSet()),
                (String) f.getOrDefault("TaskSubtype", t.taskSubtype()),
                (String) f.getOrDefault("WhoId", t.whoId()),
                (String) f.getOrDefault("WhatId", t.whatId()),
                t.createdDate(), lastModified, stamp, deleted, t.isRecurrence(), t.createdById());
    }

    private SfTask markDeleted(String key, SfTask row) {
        SfTask next = copy(row, Map.of(), row.lastModifiedDate(), nextStamp(row), true);
        records.put(key, next);
        deletedDates.put(key, now());
        return next;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Real Salesforce gives two changes of one record within a second the same SystemModstamp; by default this fake
     * moves each change to a later second (tests then need no care about timing). A test of the same-second case turns
     * this on.
     */
    public synchronized void sameSecondStamps(boolean on) {
        sameSecondStamps = on;
    }

    private boolean sameSecondStamps;

    private Instant nextStamp(SfTask row) {
        Instant now = now();
        if (!sameSecondStamps && row != null && row.systemModstamp() != null && !now.isAfter(row.systemModstamp())) {
            return row.systemModstamp().plusSeconds(1);
        }
        return now;
    }

    private static Instant seconds(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The recycle bin keeps deleted rows 15 days. */
    private void purge() {
        Instant horizon = clock.instant().minus(RECYCLE_BIN);
        deletedDates.entrySet().removeIf(e -> {
            if (e.getValue().isBefore(horizon)) {
                records.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    private void before(String operation, String sfUserId, TaskQuery query, int count) {
        calls.add(new Call(operation, sfUserId, query, count));
        for (int i = 0; i < failures.size(); i++) {
            ArmedFailure f = failures.get(i);
            if (f.operation() != null && !f.operation().equals(operation)) {
                continue;
            }
            if (f.times() != Integer.MAX_VALUE) {
                if (f.times() <= 1) {
                    failures.remove(i);
                } else {
                    failures.set(i, new ArmedFailure(f.failure(), f.operation(), f.times() - 1));
                }
            }
            if (f.failure() == Failure.KILLED) {
                throw new InvocationKilled(operation);
            }
            throw switch (f.failure()) {
                case KILLED -> throw new IllegalStateException("handled above");
                case UNAVAILABLE -> SalesforceUnavailableException.nothingWritten("503 from the fake", null);
                case TIMED_OUT -> new SalesforceUnavailableException("time-out in the fake", null);
                case LIMIT_EXCEEDED -> new RequestLimitExceededException("REQUEST_LIMIT_EXCEEDED",
                        limitRetryAfter != null ? limitRetryAfter : clock.instant().plus(Duration.ofHours(1)));
                case CONNECTION_BROKEN -> new ConnectionBrokenException("invalid_grant from the fake", null);
                case REQUEST_REJECTED -> new SalesforceRequestException(400,
                        List.of(new SfError("INVALID_FIELD", "rejected by the fake", List.of())));
                case OUT_OF_TIME -> new OutOfTimeException("out of time in the fake");
                case SESSION_UNAVAILABLE -> new SessionUnavailableException("no shared session in the fake");
            };
        }
    }

    private <T> T after(String operation, T result) {
        Runnable hook = afterCall.remove(operation);
        if (hook != null) {
            hook.run();
        }
        if (lostResponses.remove(operation)) {
            throw new SalesforceUnavailableException("response of " + operation + " lost", null);
        }
        return result;
    }

    private Optional<SfError> rejection(String key) {
        for (int i = 0; i < rejections.size(); i++) {
            ArmedRejection r = rejections.get(i);
            if (r.key().equals(key)) {
                if (r.times() <= 1) {
                    rejections.remove(i);
                } else {
                    rejections.set(i, new ArmedRejection(r.key(), r.error(), r.times() - 1));
                }
                return Optional.of(r.error());
            }
        }
        return Optional.empty();
    }

    private static void checkBatch(int size) {
        checkBatch(size, MAX_RECORDS);
    }

    /** The client's limit: 200 records a collection request, deletes five requests a call (one composite). */
    private static void checkBatch(int size, int limit) {
        if (size > limit) {
            throw new SalesforceRequestException(400, List.of(new SfError("EXCEEDED_ID_LIMIT",
                    "record limit exceeded", List.of())));
        }
    }

    private List<SfTask> evaluate(TaskQuery query) {
        Comparator<SfTask> byStamp = Comparator.comparing(SfTask::systemModstamp).thenComparing(SfTask::id);
        Stream<SfTask> rows = records.values().stream();
        if (query instanceof TaskQuery.ByIds q) {
            return rows.filter(t -> q.ids().stream().anyMatch(id -> SalesforceIds.same(id, t.id()))).toList();
        }
        if (query instanceof TaskQuery.ChangedSince q) {
            return rows.filter(t -> q.ownerId().equals(t.ownerId()) && t.systemModstamp().isAfter(q.since()))
                    .sorted(byStamp).toList();
        }
        if (query instanceof TaskQuery.ImportPage q) {
            return rows.filter(t -> q.ownerId().equals(t.ownerId())
                            && !t.lastModifiedDate().isBefore(q.modifiedSince())
                            && (q.after() == null || t.systemModstamp().isAfter(q.after().systemModstamp())
                            || (t.systemModstamp().equals(q.after().systemModstamp())
                            && t.id().compareTo(q.after().sfId()) > 0)))
                    .sorted(byStamp).limit(q.limit()).toList();
        }
        TaskQuery.RecentCreates q = (TaskQuery.RecentCreates) query;
        return rows.filter(t -> q.ownerId().equals(t.ownerId()) && SalesforceIds.same(q.ownerId(), t.createdById())
                        && !t.createdDate().isBefore(q.createdSince()) && !t.createdDate().isAfter(q.createdUntil()))
                .sorted(Comparator.comparing(SfTask::createdDate).thenComparing(SfTask::id)).toList();
    }

    private SalesforceApi.QueryPage page(List<SfTask> rows) {
        if (rows.size() <= pageSize) {
            return new SalesforceApi.QueryPage(rows, rows.size(), true, null);
        }
        String locator = "/services/data/v62.0/query/01gFAKE" + (++nextLocator) + "-" + pageSize;
        locators.put(locator, rows.subList(pageSize, rows.size()));
        return new SalesforceApi.QueryPage(rows.subList(0, pageSize), rows.size(), false, locator);
    }

    /** The API of one connected user. */
    private final class Api implements SalesforceApi {

        private final String sfUserId;

        Api(String sfUserId) {
            this.sfUserId = sfUserId;
        }

        @Override
        public List<SaveResult> create(List<SfWrite> writes) {
            synchronized (FakeSalesforce.this) {
                before("create", sfUserId, null, writes.size());
                checkBatch(writes.size());
                List<SaveResult> out = new ArrayList<>();
                for (SfWrite w : writes) {
                    Optional<SfError> injected = rejection(w.ref());
                    if (injected.isPresent()) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(injected.get())));
                        continue;
                    }
                    Outcome o = insert(sfUserId, w.fields());
                    if (o.errors() != null) {
                        out.add(new SaveResult.Failed(w.ref(), o.errors()));
                    } else {
                        recordsWritten++;
                        out.add(new SaveResult.Saved(w.ref(), o.row().id()));
                    }
                }
                return after("create", out);
            }
        }

        @Override
        public List<SaveResult> update(List<SfWrite> writes) {
            synchronized (FakeSalesforce.this) {
                before("update", sfUserId, null, writes.size());
                checkBatch(writes.size());
                purge();
                List<SaveResult> out = new ArrayList<>();
                for (SfWrite w : writes) {
                    String key = SalesforceIds.to18(w.id());
                    SfTask row = records.get(key);
                    if (row == null || row.deleted()) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(new SfError("ENTITY_IS_DELETED",
                                "entity is deleted", List.of()))));
                        continue;
                    }
                    Optional<SfError> injected = rejection(key);
                    if (injected.isPresent()) {
                        out.add(new SaveResult.Failed(w.ref(), List.of(injected.get())));
                        continue;
                    }
                    List<SfError> errors = validate(w.fields(), row, false, false);
                    if (!errors.isEmpty()) {
                        out.add(new SaveResult.Failed(w.ref(), errors));
                        continue;
                    }
                    records.put(key, apply(row, w.fields(), true));
                    recordsWritten++;
                    out.add(new SaveResult.Saved(w.ref(), key));
                }
                return after("update", out);
            }
        }

        @Override
        public List<SaveResult> delete(List<SalesforceId> sfIds) {
            List<String> ids = sfIds.stream().map(SalesforceId::value).toList();
            synchronized (FakeSalesforce.this) {
                before("delete", sfUserId, null, ids.size());
                checkBatch(ids.size(), SalesforceApi.DELETES_PER_CALL);
                purge();
                List<SaveResult> out = new ArrayList<>();
                for (String id : ids) {
                    String key = SalesforceIds.to18(id);
                    SfTask row = records.get(key);
                    if (row == null) {
                        out.add(new SaveResult.Failed(id, List.of(new SfError("INVALID_CROSS_REFERENCE_KEY",
                                "invalid cross reference id", List.of()))));
                    } else if (row.deleted()) {
                        out.add(new SaveResult.Failed(id, List.of(new SfError("ENTITY_IS_DELETED",
                                "entity is deleted", List.of()))));
                    } else {
                        Optional<SfError> injected = rejection(key);
                        if (injected.isPresent()) {
                            out.add(new SaveResult.Failed(id, List.of(injected.get())));
                            continue;
                        }
                        markDeleted(key, row);
                        recordsWritten++;
                        out.add(new SaveResult.Saved(id, key));
                    }
                }
                return after("delete", out);
            }
        }

        @Override
        public QueryPage query(Soql soql) {
            return run("query", soql, false);
        }

        @Override
        public QueryPage queryAll(Soql soql) {
            return run("queryAll", soql, true);
        }

        private QueryPage run(String operation, Soql soql, boolean all) {
            synchronized (FakeSalesforce.this) {
                TaskQuery query = TaskQueries.recognise(soql).orElseThrow(() -> new SalesforceRequestException(400,
                        List.of(new SfError("MALFORMED_QUERY", "not a query shape of the sync", List.of()))));
                before(operation, sfUserId, query, 0);
                purge();
                List<SfTask> rows = evaluate(query).stream().filter(t -> all || !t.deleted()).toList();
                return after(operation, page(rows));
            }
        }

        @Override
        public QueryPage nextPage(String nextRecordsUrl) {
            synchronized (FakeSalesforce.this) {
                before("nextPage", sfUserId, null, 0);
                List<SfTask> rest = locators.remove(nextRecordsUrl);
                if (rest == null) {
                    throw new SalesforceRequestException(400, List.of(new SfError("INVALID_QUERY_LOCATOR",
                            "invalid query locator", List.of())));
                }
                return after("nextPage", page(rest));
            }
        }

        @Override
        public DeletedRecords getDeleted(Instant start, Instant end) {
            synchronized (FakeSalesforce.this) {
                before("getDeleted", sfUserId, null, 0);
                return after("getDeleted", deletedIn(start, end));
            }
        }

        private DeletedRecords deletedIn(Instant start, Instant end) {
            purge();
            Instant earliest = clock.instant().minus(RECYCLE_BIN).truncatedTo(ChronoUnit.MINUTES);
            if (lastPhysicalDelete != null && lastPhysicalDelete.isAfter(earliest)) {
                earliest = lastPhysicalDelete;
            }
            Instant from = start.isBefore(earliest) ? earliest : start;
            Instant covered = end.truncatedTo(ChronoUnit.MINUTES);
            List<DeletedRecord> out = deletedDates.entrySet().stream()
                    .filter(e -> !e.getValue().isBefore(from) && !e.getValue().isAfter(end))
                    .map(e -> new DeletedRecord(e.getKey(), e.getValue()))
                    .toList();
            return new DeletedRecords(out, earliest, covered);
        }

        @Override
        public UpdatedRecords getUpdated(Instant start, Instant end) {
            synchronized (FakeSalesforce.this) {
                before("getUpdated", sfUserId, null, 0);
                return after("getUpdated", updatedIn(start, end));
            }
        }

        private UpdatedRecords updatedIn(Instant start, Instant end) {
            List<String> ids = records.values().stream()
                    .filter(t -> !t.systemModstamp().isBefore(start) && !t.systemModstamp().isAfter(end))
                    .map(SfTask::id).toList();
            return new UpdatedRecords(ids, end.truncatedTo(ChronoUnit.MINUTES));
        }

        @Override
        public boolean seesAllTasks() {
            synchronized (FakeSalesforce.this) {
                before("seesAllTasks", sfUserId, null, 0);
                return after("seesAllTasks", viewAllUsers.contains(sfUserId));
            }
        }

        /** One call, as the composite request of HttpSalesforceApi. */
        @Override
        public OrgChanges orgChanges(Instant start, Instant end) {
            synchronized (FakeSalesforce.this) {
                before("orgChanges", sfUserId, null, 0);
                return after("orgChanges", new OrgChanges(updatedIn(start, end), deletedIn(start, end),
                        viewAllUsers.contains(sfUserId)));
            }
        }

        @Override
        public TaskStatuses taskStatuses() {
            synchronized (FakeSalesforce.this) {
                before("taskStatuses", sfUserId, null, 0);
                return after("taskStatuses", statuses);
            }
        }

        @Override
        public Optional<ApiUsage> lastUsage() {
            synchronized (FakeSalesforce.this) {
                return Optional.of(new ApiUsage(calls.size(), 100_000));
            }
        }
    }
}
