package com.salesconnect.tasksync.ops;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.ConflictLog;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgUsage;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.PendingPushStore;
import com.salesconnect.tasksync.store.SettingsStore;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code show <userId>}: one user's sync state as the stores hold it. Never a token (the connection's refresh
 * token is left out) and never task content (conflicts show the field and who won, not the values).
 */
final class UserReport {

    static final int CONFLICTS = 10;
    static final int TOMBSTONES = 10;
    private static final int LINK_PAGE = 500;

    private final SettingsStore settings;
    private final ConnectionStore connections;
    private final LinkStore links;
    private final PendingPushStore pendingPushes;
    private final ConflictLog conflicts;
    private final OrgLimitStore orgLimits;
    private final Clock clock;

    UserReport(SettingsStore settings, ConnectionStore connections, LinkStore links, PendingPushStore pendingPushes,
               ConflictLog conflicts, OrgLimitStore orgLimits, Clock clock) {
        this.settings = settings;
        this.connections = connections;
        this.links = links;
        this.pendingPushes = pendingPushes;
        this.conflicts = conflicts;
        this.orgLimits = orgLimits;
        this.clock = clock;
    }

    /** Prints the report; false when the store knows nothing of the user. */
    boolean print(String userId, PrintStream out) {
        Optional<SyncSettings> s = settings.get(UserId.of(userId));
        Optional<SalesforceConnection> c = connections.get(UserId.of(userId));
        out.println("user " + userId);
        if (s.isEmpty() && c.isEmpty()) {
            out.println("  no settings and no connection: this user never opened the sync's settings");
            return false;
        }
        out.println("settings: " + s.map(UserReport::settings).orElse("none (sync never turned on)"));
        out.println("connection: " + c.map(UserReport::connection).orElse("none (never connected)"));
        c.ifPresent(conn -> out.println("org: " + org(conn.orgId())));

        Map<LinkState, Integer> counts = new EnumMap<>(LinkState.class);
        List<TaskLink> tombstones = new ArrayList<>();
        String cursor = null;
        do {
            Page<TaskLink> page = links.forUser(UserId.of(userId), cursor, LINK_PAGE);
            for (TaskLink link : page.items()) {
                counts.merge(link.state(), 1, Integer::sum);
                if (link.state() == LinkState.DELETED) {
                    tombstones.add(link);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        out.println("links: linked=" + counts.getOrDefault(LinkState.LINKED, 0)
                + " pendingCreate=" + counts.getOrDefault(LinkState.PENDING_CREATE, 0)
                + " tombstones=" + counts.getOrDefault(LinkState.DELETED, 0));
        tombstones.sort(Comparator.comparing(TaskLink::deletedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed());
        tombstones.stream().limit(TOMBSTONES).forEach(t -> out.println("  tombstone taskId=" + t.taskId()
                + " sfId=" + t.sfId() + " deletedAt=" + t.deletedAt() + " by=" + t.deletedBy()
                + " expiresAt=" + t.expiresAt()));

        List<PendingPush> pushes = pendingPushes.forUser(UserId.of(userId));
        out.println("pending pushes: " + pushes.size());
        Instant now = clock.instant();
        for (PendingPush p : pushes) {
            out.println("  taskId=" + p.taskId() + " attempts=" + p.attempts() + " firstFailedAt=" + p.firstFailedAt()
                    + " next=" + (p.nextAttemptAt() == null || !p.nextAttemptAt().isAfter(now) ? "due now"
                    : p.nextAttemptAt().toString()) + " reason=" + p.lastError());
        }
        List<Conflict> recent = conflicts.forUser(UserId.of(userId), CONFLICTS);
        out.println("recent conflicts: " + recent.size() + (recent.size() == CONFLICTS ? " (the latest "
                + CONFLICTS + ")" : ""));
        for (Conflict k : recent) {
            out.println("  at=" + k.at() + " taskId=" + k.taskId() + " sfId=" + k.sfId() + " field="
                    + (k.field() == null ? "(deletion)" : k.field()) + " kept=" + k.winner() + " reason=" + k.reason());
        }
        return true;
    }

    private static String settings(SyncSettings s) {
        FirstSync f = s.firstSync();
        return "enabled=" + s.enabled() + s.enabledAt().map(at -> " since=" + at).orElse("")
                + " timeZone=" + s.timeZone()
                + " firstSync=" + f.state() + " imported=" + f.imported()
                + (f.finishedAt() != null ? " finishedAt=" + f.finishedAt() : "")
                + (f.error() != null ? " error=" + f.error() : "")
                + " watermark=" + s.watermark()
                + (s.detached() != null ? " detachedFrom=" + s.detached() : "");
    }

    private static String connection(SalesforceConnection c) {
        return "state=" + c.state() + " orgId=" + c.orgId() + " sfUserId=" + c.sfUserId() + " instanceUrl="
                + c.instanceUrl() + " connectedAt=" + c.connectedAt()
                + (c.brokenReason() != null ? " reason=" + c.brokenReason() : "");
    }

    private String org(String orgId) {
        Instant now = clock.instant();
        String block = orgLimits.blockedUntil(OrgId.of(orgId))
                .map(until -> OrgPause.isPause(until) ? "PAUSED by an operator (resume " + orgId + ")"
                        : "blocked until " + until + " (Salesforce API limit reached)")
                .orElse("calls allowed");
        OrgUsage usage = orgLimits.usage(OrgId.of(orgId), now);
        return orgId + " " + block + "; sync's calls in 24 h=" + usage.ownCallsLast24h()
                + (usage.orgLimit() > 0 ? "; org used " + usage.orgUsed() + " of " + usage.orgLimit()
                + " (reported " + usage.reportedAt() + ")" : "");
    }
}
