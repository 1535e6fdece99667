package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.DetachedConnection;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.settings.SyncSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * SPEC §3 "Connection identity": links sync only under the Salesforce identity (org and user) they were made under.
 * Connecting as another identity detaches the previous identity's links at once, without writing them: a link
 * whose identity is not the connection's is simply never pushed, merged or deleted again. The Sales Connect tasks
 * stay. The settings then follow the connection: a new enabled period and a first sync as on a fresh enable.
 */
public final class ConnectionIdentity {

    private ConnectionIdentity() {
    }

    public static boolean same(SalesforceIdentity a, SalesforceIdentity b) {
        return a != null && b != null && SalesforceIds.same(a.orgId(), b.orgId())
                && SalesforceIds.same(a.sfUserId(), b.sfUserId());
    }

    /**
     * True when {@code link} belongs to {@code identity}. A link stored before links carried their Salesforce user
     * belongs to the identity of its org until the first switch of identity ({@code detached} is then set).
     */
    public static boolean attached(TaskLink link, SalesforceIdentity identity, DetachedConnection detached) {
        if (!SalesforceIds.same(link.orgId(), identity.orgId())) {
            return false;
        }
        return link.sfUserId() == null ? detached == null : SalesforceIds.same(link.sfUserId(), identity.sfUserId());
    }

    /**
     * True when a task that an import wrote and left without its link belongs to {@code identity}, the one connected
     * now. The import's claim on the task's Salesforce id (in the org connected now) names the Salesforce user it was
     * made for: a user who comes back to that identity finds the task its own again, as its links are. A claim that
     * names none (written before claims recorded it) leaves the time: the task was made after the last switch.
     *
     * @param claimedFor the Salesforce user the claim naming the task was written for, or null (no such claim, or
     *                   one written before claims recorded it); a supplier, so a caller that rules the task out
     *                   first (another org, sync off) reads no claim
     * @param detached   the identity detached last ({@link #lastDetached}), or null
     */
    public static boolean importedUnder(SalesforceIdentity identity, DetachedConnection detached, Instant createdAt,
                                        Supplier<String> claimedFor) {
        String claimed = claimedFor.get();
        return claimed != null ? SalesforceIds.same(claimed, identity.sfUserId())
                : detached == null || createdAt.isAfter(detached.at());
    }

    /**
     * The identity the user's tasks were last detached from, as seen from {@code connected}: the settings' record of
     * the last switch or, between connecting as another identity and the settings following it, the settings'
     * identity, detached at the connect ({@code connectedAt}; unknown: everything made before counts as its).
     */
    public static DetachedConnection lastDetached(SyncSettings settings, SalesforceIdentity connected,
                                                  Instant connectedAt) {
        if (!switchPending(settings, connected)) {
            return settings.detached();
        }
        return new DetachedConnection(settings.identity(), connectedAt != null ? connectedAt : Instant.MAX);
    }

    /** True when the settings still belong to another identity than the connection's (a switch not settled yet). */
    public static boolean switchPending(SyncSettings settings, SalesforceIdentity connected) {
        return settings.identity() != null && !same(settings.identity(), connected);
    }

    /**
     * The settings once they follow the connection's identity: unchanged when it is theirs; adopted when they had
     * none; otherwise the previous identity is recorded as detached and, while sync is on, a new enabled period
     * starts {@code now} with a first sync as on a fresh enable.
     *
     * @param connectedAt when the connection was made (null: unknown): the previous identity was detached then, not
     *                    when the settings follow (a connect that stopped before them is settled later), so what an
     *                    import wrote in between belongs to the new identity
     */
    public static SyncSettings settle(SyncSettings settings, SalesforceIdentity connected, Instant connectedAt,
                                      Instant now) {
        if (settings.identity() == null) {
            return settings.withIdentity(connected, settings.detached());
        }
        if (same(settings.identity(), connected)) {
            return settings;
        }
        Instant switched = connectedAt != null && connectedAt.isBefore(now) ? connectedAt : now;
        SyncSettings moved = settings.withIdentity(connected, new DetachedConnection(settings.identity(), switched));
        if (!settings.enabled()) {
            return moved;
        }
        List<EnabledPeriod> periods = new ArrayList<>(settings.periods());
        EnabledPeriod last = periods.remove(periods.size() - 1);
        periods.add(new EnabledPeriod(last.start(), now));
        periods.add(new EnabledPeriod(now, null));
        // The first sync settles this identity's links first, as on a re-enable: a user coming back to an identity
        // used before finds its links attached again, and another link may have taken a Salesforce id meanwhile.
        return moved.withPeriods(true, periods).withFirstSync(FirstSync.queued(true)).withWatermark(null);
    }
}
