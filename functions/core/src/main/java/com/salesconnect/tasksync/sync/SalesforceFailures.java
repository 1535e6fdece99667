package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.OutOfTimeException;
import com.salesconnect.tasksync.salesforce.RequestLimitExceededException;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SessionUnavailableException;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OrgLimitStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a failed Salesforce call means beyond the call: an exhausted API limit blocks the whole org until it
 * resets; a refused login marks the connection BROKEN (the user must reconnect); an outage is simply retried; a
 * function without a usable session (salesforce-inbound) leaves the work to the sweep. Built
 * {@link #withoutConnectionWrites without connection writes}, it never saves a connection.
 */
final class SalesforceFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceFailures.class);

    /** When Salesforce gives no reset time: daily limits are a rolling 24 h window, so retry hourly. */
    static final Duration DEFAULT_LIMIT_BLOCK = Duration.ofHours(1);
    /** Pushes deferred for another reason are retried by the sweep after at least this long. */
    static final Duration DEFER = Duration.ofMinutes(5);
    /** The reason of a push held by the org's API limit (the Settings page groups pending pushes by it). */
    static final String LIMIT_REACHED = "Salesforce API limit reached";
    /** The start of the reason of a push held for the org's hourly sweep by the API budget. */
    static final String API_BUDGET = "Salesforce API budget: ";
    static final String BROKEN_REASON = "Salesforce no longer accepts the saved login: connect again";
    /** Per-record failures that succeed when simply tried again. */
    private static final Set<String> TRANSIENT = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
            "REQUEST_RUNNING_TOO_LONG");

    /**
     * @param retryNow  true for an outage: the caller retries the work itself (stream redelivery, message retry)
     * @param notBefore the earliest useful retry otherwise
     * @param reason    short and user-safe
     */
    record Handling(boolean retryNow, Instant notBefore, String reason) {
    }

    /** How long an org that failed with an outage is left alone by this container's pushes. */
    static final Duration OUTAGE_PAUSE = Duration.ofMinutes(1);

    private final OrgLimitStore orgLimits;
    /** Orgs this container saw down, until when: in memory, so one org's outage costs no store writes. */
    private final Map<String, Instant> outages = new ConcurrentHashMap<>();
    private final ConnectionStore connections;
    private final boolean marksBroken;
    private final Clock clock;
    private final ApiBudget budget;

    SalesforceFailures(OrgLimitStore orgLimits, ConnectionStore connections, Clock clock) {
        this(orgLimits, connections, true, clock, ApiBudget.DEFAULT_CEILING);
    }

    SalesforceFailures(OrgLimitStore orgLimits, ConnectionStore connections, Clock clock, double apiBudgetCeiling) {
        this(orgLimits, connections, true, clock, apiBudgetCeiling);
    }

    private SalesforceFailures(OrgLimitStore orgLimits, ConnectionStore connections, boolean marksBroken,
                               Clock clock, double apiBudgetCeiling) {
        this.orgLimits = orgLimits;
        this.connections = connections;
        this.marksBroken = marksBroken;
        this.clock = clock;
        this.budget = new ApiBudget(orgLimits, apiBudgetCeiling, clock);
    }

    /** The org's pace under its API budget (see {@link ApiBudget}). */
    ApiBudget.Throttle pace(String orgId) {
        return budget.throttle(orgId);
    }

    /**
     * For salesforce-inbound, which may not write connections (IAM denies it): a broken connection is left for
     * the functions that renew sessions to mark.
     */
    static SalesforceFailures withoutConnectionWrites(OrgLimitStore orgLimits, Clock clock) {
        return new SalesforceFailures(orgLimits, null, false, clock, ApiBudget.DEFAULT_CEILING);
    }

    /** True while the org's API limit block lasts: no call may go to it. */
    boolean blocked(String orgId) {
        Instant now = clock.instant();
        return orgLimits.blockedUntil(OrgId.of(orgId)).map(until -> until.isAfter(now)).orElse(false);
    }

    /** Records an outage of the org (if not recorded yet); returns until when its pushes are parked. */
    Instant outage(String orgId) {
        Instant now = clock.instant();
        return outages.compute(orgId, (o, until) -> until != null && until.isAfter(now) ? until
                : now.plus(OUTAGE_PAUSE));
    }

    /** True while this container keeps pushes away from an org it saw down. */
    boolean down(String orgId) {
        Instant until = outages.get(orgId);
        return until != null && until.isAfter(clock.instant());
    }

    Instant blockedUntil(String orgId) {
        return orgLimits.blockedUntil(OrgId.of(orgId)).orElse(clock.instant());
    }

    Handling handle(SyncUser user, SalesforceException e) {
        Instant now = clock.instant();
        if (e instanceof RequestLimitExceededException limit) {
            Instant until = limit.retryAfter() != null && limit.retryAfter().isAfter(now)
                    ? limit.retryAfter()
                    : now.plus(DEFAULT_LIMIT_BLOCK);
            orgLimits.blockUntil(user.org(), until);
            LOG.warn("Salesforce API limit reached, org blocked: orgId={} until={}", user.orgId(), until);
            return new Handling(false, until, LIMIT_REACHED);
        }
        if (e instanceof SessionUnavailableException) {
            LOG.info("Salesforce not reachable from this function now, left to the sweep: userId={} orgId={}",
                    user.userId(), user.orgId());
            return new Handling(false, now, "Salesforce session not available here; the sweep retries");
        }
        if (e instanceof ConnectionBrokenException) {
            if (marksBroken) {
                markBroken(user.connection());
            }
            LOG.warn("Salesforce connection broken: userId={} orgId={}", user.userId(), user.orgId());
            return new Handling(false, now.plus(DEFER), "Salesforce connection needs renewing");
        }
        if (e instanceof OutOfTimeException) {
            return new Handling(true, now, "out of time");
        }
        if (e instanceof SalesforceUnavailableException) {
            LOG.warn("Salesforce unavailable: userId={} orgId={}", user.userId(), user.orgId());
            return new Handling(true, now, "Salesforce unavailable");
        }
        // SalesforceRequestException: the request itself was refused; retrying at once would repeat it.
        LOG.error("Salesforce refused a request: userId={} orgId={} error={}", user.userId(), user.orgId(),
                e.getMessage());
        return new Handling(false, now.plus(DEFER), "Salesforce refused the request");
    }

    static boolean isTransient(SaveResult.Failed failed) {
        return failed.errors().stream().anyMatch(err -> TRANSIENT.contains(err.statusCode()));
    }

    /**
     * Marks the connection that failed BROKEN. A connection made since (the user connected again, or a renewal
     * stored a rotated token) is another login, which this failure says nothing about: it is left alone.
     */
    private void markBroken(SalesforceConnection failed) {
        Retry.onWriteConflict(() -> {
            SalesforceConnection c = connections.get(UserId.of(failed.userId())).orElse(null);
            if (c == null || c.state() == ConnectionState.BROKEN
                    || !c.encryptedRefreshToken().equals(failed.encryptedRefreshToken())
                    || !Objects.equals(c.connectedAt(), failed.connectedAt())
                    || !c.orgId().equals(failed.orgId()) || !c.sfUserId().equals(failed.sfUserId())) {
                return c;
            }
            return connections.save(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                    c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(), BROKEN_REASON, c.version()));
        });
    }
}
