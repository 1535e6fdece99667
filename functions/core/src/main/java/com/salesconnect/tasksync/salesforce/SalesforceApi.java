package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskStatuses;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Salesforce REST API of one connected user, as the sync needs it. Implementations renew the session
 * on 401 INVALID_SESSION_ID, retry retryable failures with bounded back-off, and throw:
 * <ul>
 *   <li>{@link SalesforceUnavailableException} when retries are exhausted (5xx, UNABLE_TO_LOCK_ROW, timeouts);</li>
 *   <li>{@link RequestLimitExceededException} when the org's API limit is reached;</li>
 *   <li>{@link ConnectionBrokenException} when the session cannot be renewed (the user must reconnect);</li>
 *   <li>{@link SessionUnavailableException} when the API was opened on a shared access token (salesforce-inbound)
 *       and there is none usable: that function never renews a session;</li>
 *   <li>{@link SalesforceRequestException} for any other rejected request.</li>
 * </ul>
 * Per-record failures of collection calls are results ({@link SaveResult.Failed}), not exceptions.
 */
public interface SalesforceApi {

    /**
     * Creates tasks through {@code composite/sobjects} (200 a call, allOrNone=false); one result per write, in order.
     * Only a {@link SalesforceUnavailableException} (a time-out, an outage) leaves open whether tasks were made; any
     * other exception means none was: once Salesforce answered a request of the call, its results are returned.
     */
    List<SaveResult> create(List<SfWrite> writes);

    /** Updates tasks (each write has an id) through {@code composite/sobjects}; one result per write, in order. */
    List<SaveResult> update(List<SfWrite> writes);

    /**
     * Deletes tasks through {@code composite/sobjects}, up to {@value #DELETES_PER_CALL} in one API call; one result
     * per id, in order, with the id as ref, or null for an id whose request Salesforce did not answer with results
     * when others of the call were answered.
     */
    List<SaveResult> delete(List<SalesforceId> ids);

    /**
     * Deletes one call sends: five collection requests of 200 in one {@code composite} request, which counts as one
     * API call. Creates and updates stay at 200 a call: Salesforce runs each record's triggers and validation within
     * the request, and five times that could outlast the request's time-out.
     */
    int DELETES_PER_CALL = 1_000;

    /** First page of a SOQL query on Task (live rows). */
    QueryPage query(Soql soql);

    /** First page of a SOQL query on Task including deleted rows ({@code IsDeleted = true}). */
    QueryPage queryAll(Soql soql);

    /**
     * The first pages of several {@link #queryAll} statements, in order; over REST up to five of them in one
     * {@code composite} request, which counts as one API call.
     */
    default List<QueryPage> queryAllPages(List<Soql> statements) {
        return statements.stream().map(this::queryAll).toList();
    }

    /** The page a {@link QueryPage#nextRecordsUrl()} points to. */
    QueryPage nextPage(String nextRecordsUrl);

    /** {@code sobjects/Task/deleted}; the window is clamped to what Salesforce keeps. */
    DeletedRecords getDeleted(Instant start, Instant end);

    /** {@code sobjects/Task/updated}. */
    UpdatedRecords getUpdated(Instant start, Instant end);

    /** The org's TaskStatus values. */
    TaskStatuses taskStatuses();

    /**
     * Whether this connection's user has View All Data ({@code UserPermissionAccess.PermissionsViewAllData}): only
     * then do the change logs it reads ({@link #getUpdated}, {@link #getDeleted}) hold every task of the org, since
     * Salesforce answers them within the user's sharing.
     */
    boolean seesAllTasks();

    /**
     * The org's task changes in [start, end] in one look: the updated ids, the deletions, and whether the user
     * still sees every task. Over REST this is one {@code composite} request, which counts as one API call.
     */
    default OrgChanges orgChanges(Instant start, Instant end) {
        return new OrgChanges(getUpdated(start, end), getDeleted(start, end), seesAllTasks());
    }

    /**
     * A user's own look at what changed, for a sweep no org probe serves: the updated ids from {@code updatedStart}
     * and the deletions from {@code deletedStart} (both to {@code end}, as {@link #getUpdated} and {@link #getDeleted}
     * answer them), and the first page of {@code query} (through {@link #queryAll} when {@code includeDeleted}). Over
     * REST one {@code composite} request, which counts as one API call where the three requests made three.
     */
    default OwnChanges ownChanges(Instant updatedStart, Instant deletedStart, Instant end, Soql query,
                                  boolean includeDeleted) {
        return new OwnChanges(getUpdated(updatedStart, end), getDeleted(deletedStart, end),
                includeDeleted ? queryAll(query) : query(query));
    }

    /** API usage as reported by the latest response's {@code Sforce-Limit-Info} header. */
    Optional<ApiUsage> lastUsage();

    /** The fields selected by every task query, in order. */
    List<String> TASK_FIELDS = List.of(
            "Id", "OwnerId", "Subject", "Description", "ActivityDate", "Status", "IsClosed", "Priority",
            "ReminderDateTime", "IsReminderSet", "TaskSubtype", "WhoId", "WhatId", "CreatedDate",
            "LastModifiedDate", "SystemModstamp", "IsDeleted", "IsRecurrence", "CreatedById");

    record QueryPage(List<SfTask> records, int totalSize, boolean done, String nextRecordsUrl) {
        public QueryPage {
            records = List.copyOf(records);
        }
    }

    record DeletedRecord(String id, Instant deletedDate) {
    }

    record DeletedRecords(List<DeletedRecord> deletedRecords, Instant earliestDateAvailable,
                          Instant latestDateCovered) {
        public DeletedRecords {
            deletedRecords = List.copyOf(deletedRecords);
        }
    }

    record UpdatedRecords(List<String> ids, Instant latestDateCovered) {
        public UpdatedRecords {
            ids = List.copyOf(ids);
        }
    }

    /** What {@link #ownChanges} read: both change logs and the first page of the query. */
    record OwnChanges(UpdatedRecords updated, DeletedRecords deleted, QueryPage firstPage) {
    }

    record OrgChanges(UpdatedRecords updated, DeletedRecords deleted, boolean seesAllTasks) {
    }

    /** From {@code Sforce-Limit-Info: api-usage=used/limit}. */
    record ApiUsage(long used, long limit) {
    }
}
