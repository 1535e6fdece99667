package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The org-wide Salesforce API budget: the sync's share of an org's daily API limit stays under a ceiling (10 % unless
 * configured). Nearing it, the org's sweeps slow down to every {@link Pace#SLOWER} interval; at it, to once an hour
 * ({@link Pace#SLOWEST}, never slower), and pushes wait for that hourly sweep, which sends them together. The same
 * happens when the org as a whole (the customer's other integrations too) has used {@value #ORG_NEARLY_OUT_PERCENT}
 * % of its limit. Nothing is dropped: a slowed sweep still runs, later.
 */
public final class ApiBudget {

    private static final Logger LOG = LoggerFactory.getLogger(ApiBudget.class);

    /** The sync's share of an org's daily limit that it keeps under, unless configured. */
    public static final double DEFAULT_CEILING = 0.10;
    /** Sweeps slow down from this part of the ceiling on. */
    static final double SLOW_DOWN_AT = 0.75;
    static final int ORG_NEARLY_OUT_PERCENT = 90;
    /** Shares are compared with this much slack, so that 7,500 of 100,000 is 75 % of a 10 % ceiling. */
    private static final double EPSILON = 1e-9;

    enum Pace {
        NORMAL(Duration.ZERO), SLOWER(Duration.ofMinutes(15)), SLOWEST(Duration.ofHours(1));

        private final Duration interval;

        Pace(Duration interval) {
            this.interval = interval;
        }

        /** At most one sweep of the org per this interval (zero: every tick). */
        Duration interval() {
            return interval;
        }
    }

    /** @param reason a short, user-safe sentence for logs and the Settings page; null at NORMAL */
    record Throttle(Pace pace, String reason) {

        static final Throttle NONE = new Throttle(Pace.NORMAL, null);

        boolean throttled() {
            return pace != Pace.NORMAL;
        }
    }

    /** How long one container trusts what it read of an org's use. */
    static final Duration REREAD_AFTER = Duration.ofMinutes(1);

    private final OrgLimitStore store;
    private final double ceiling;
    private final Clock clock;
    private final Map<String, Read> read = new HashMap<>();

    private record Read(Throttle throttle, Instant at) {
    }

    ApiBudget(OrgLimitStore store, double ceiling, Clock clock) {
        if (!(ceiling > 0 && ceiling <= 1)) {
            throw new IllegalArgumentException("the API budget ceiling must be a share in (0, 1]");
        }
        this.store = store;
        this.ceiling = ceiling;
        this.clock = clock;
    }

    /** The org's pace now: what the store says, read again after {@link #REREAD_AFTER}. */
    synchronized Throttle throttle(String orgId) {
        Instant now = clock.instant();
        Read last = read.get(orgId);
        if (last != null && now.isBefore(last.at().plus(REREAD_AFTER)) && !now.isBefore(last.at())) {
            return last.throttle();
        }
        Throttle t = of(store.usage(OrgId.of(orgId), now), ceiling);
        if (t.throttled()) {
            LOG.warn("Salesforce API budget: orgId={} pace={} reason={}", orgId, t.pace(), t.reason());
        }
        read.put(orgId, new Read(t, now));
        return t;
    }

    /** The rule itself, on what is known of the org's use. */
    static Throttle of(OrgUsage usage, double ceiling) {
        if (usage.orgLimit() <= 0) {
            return Throttle.NONE;
        }
        double share = (double) usage.ownCallsLast24h() / usage.orgLimit();
        String percent = String.format(Locale.ROOT, "%.1f %% of the org's daily limit (ceiling %.0f %%)",
                share * 100, ceiling * 100);
        if (share >= ceiling - EPSILON) {
            return new Throttle(Pace.SLOWEST, "the sync used " + percent + ": it syncs hourly until the share falls");
        }
        if (usage.orgUsed() * 100 >= (long) ORG_NEARLY_OUT_PERCENT * usage.orgLimit()) {
            return new Throttle(Pace.SLOWEST, "the org has used " + ORG_NEARLY_OUT_PERCENT
                    + " % of its daily API limit: the sync leaves the rest to other integrations and syncs hourly");
        }
        if (share >= ceiling * SLOW_DOWN_AT - EPSILON) {
            return new Throttle(Pace.SLOWER, "the sync used " + percent + ": it syncs every 15 minutes");
        }
        return Throttle.NONE;
    }
}
