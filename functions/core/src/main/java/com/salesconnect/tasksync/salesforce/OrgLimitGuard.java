package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.task.TaskStatuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps calls away from an org whose API limit is used up: a blocked org fails at once without a request, and
 * an org that answers REQUEST_LIMIT_EXCEEDED is blocked for every container through the {@link OrgLimitStore}.
 */
final class OrgLimitGuard implements SalesforceApi {

    private static final Logger LOG = LoggerFactory.getLogger(OrgLimitGuard.class);

    private final String orgId;
    private final SalesforceApi api;
    private final OrgLimitStore limits;
    private final Clock clock;

    OrgLimitGuard(String orgId, SalesforceApi api, OrgLimitStore limits, Clock clock) {
        this.orgId = orgId;
        this.api = api;
        this.limits = limits;
        this.clock = clock;
    }

    private <T> T guarded(Supplier<T> call) {
        Optional<Instant> blockedUntil = limits.blockedUntil(OrgId.of(orgId));
        if (blockedUntil.isPresent() && blockedUntil.get().isAfter(clock.instant())) {
            throw new RequestLimitExceededException("the org's Salesforce API limit is used up; calls resume later",
                    blockedUntil.get());
        }
        try {
            return call.get();
        } catch (RequestLimitExceededException e) {
            Metrics.current().orgThrottled();
            LOG.warn("org's Salesforce API limit reached, calls blocked: orgId={} until={}", orgId, e.retryAfter());
            limits.blockUntil(OrgId.of(orgId), e.retryAfter());
            throw e;
        }
    }

    @Override
    public List<SaveResult> create(List<SfWrite> writes) {
        return guarded(() -> api.create(writes));
    }

    @Override
    public List<SaveResult> update(List<SfWrite> writes) {
        return guarded(() -> api.update(writes));
    }

    @Override
    public List<SaveResult> delete(List<SalesforceId> ids) {
        return guarded(() -> api.delete(ids));
    }

    @Override
    public QueryPage query(Soql soql) {
        return guarded(() -> api.query(soql));
    }

    @Override
    public QueryPage queryAll(Soql soql) {
        return guarded(() -> api.queryAll(soql));
    }

    @Override
    public List<QueryPage> queryAllPages(List<Soql> statements) {
        return guarded(() -> api.queryAllPages(statements));
    }

    @Override
    public QueryPage nextPage(String nextRecordsUrl) {
        return guarded(() -> api.nextPage(nextRecordsUrl));
    }

    @Override
    public DeletedRecords getDeleted(Instant start, Instant end) {
        return guarded(() -> api.getDeleted(start, end));
    }

    @Override
    public boolean seesAllTasks() {
        return guarded(api::seesAllTasks);
    }

    @Override
    public OrgChanges orgChanges(Instant start, Instant end) {
        return guarded(() -> api.orgChanges(start, end));
    }

    @Override
    public OwnChanges ownChanges(Instant updatedStart, Instant deletedStart, Instant end, Soql query,
                                 boolean includeDeleted) {
        return guarded(() -> api.ownChanges(updatedStart, deletedStart, end, query, includeDeleted));
    }

    @Override
    public UpdatedRecords getUpdated(Instant start, Instant end) {
        return guarded(() -> api.getUpdated(start, end));
    }

    @Override
    public TaskStatuses taskStatuses() {
        return guarded(api::taskStatuses);
    }

    @Override
    public Optional<ApiUsage> lastUsage() {
        return api.lastUsage();
    }
}
