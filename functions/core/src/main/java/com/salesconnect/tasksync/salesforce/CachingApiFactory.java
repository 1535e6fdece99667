package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.OrgLimitStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What both factories do with the API a subclass opens: refuse a BROKEN connection before anything is called, keep
 * the API per user for as long as the container lives (a warm Lambda neither opens a session nor re-reads the
 * picklist per invocation; connecting another Salesforce account opens a fresh one), and hand it out per call
 * within the deadline, behind the org's limit guard and the container's call meter.
 */
abstract class CachingApiFactory implements SalesforceApiFactory {

    /** Sessions kept per container; the least recently used beyond this are dropped (they reopen on next use). */
    static final int MAX_SESSIONS = 1_000;

    private final SalesforceHttp http;
    private final OrgLimitStore limits;
    /** One per container: the org's API budget counts every request (see {@link ApiCallMeter}). */
    private final ApiCallMeter meter;
    private final Supplier<? extends RuntimeException> whenBroken;
    private final Map<String, Opened> opened = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Opened> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    private record Opened(String orgId, String sfUserId, HttpSalesforceApi api) {
    }

    /** @param whenBroken the failure a BROKEN connection gets */
    CachingApiFactory(SalesforceHttp http, OrgLimitStore limits, Supplier<? extends RuntimeException> whenBroken) {
        this.http = Objects.requireNonNull(http, "http");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.meter = new ApiCallMeter(limits, http.clock());
        this.whenBroken = whenBroken;
    }

    /** Opens the API of a connection that has none kept. */
    abstract HttpSalesforceApi open(SalesforceConnection connection);

    @Override
    public final SalesforceApi forConnection(SalesforceConnection connection) {
        return forConnection(connection, Deadline.NONE);
    }

    @Override
    public final SalesforceApi forConnection(SalesforceConnection connection, Deadline deadline) {
        if (connection.state() == ConnectionState.BROKEN) {
            throw whenBroken.get();
        }
        HttpSalesforceApi api = opened.compute(connection.userId(), (userId, existing) ->
                existing != null && existing.orgId().equals(connection.orgId())
                        && existing.sfUserId().equals(connection.sfUserId())
                        ? existing
                        : new Opened(connection.orgId(), connection.sfUserId(), open(connection))).api();
        return new OrgLimitGuard(connection.orgId(),
                api.within(deadline).countedBy(reported -> meter.counted(connection.orgId(), reported)), limits,
                http.clock());
    }
}
