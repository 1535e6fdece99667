package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.store.OrgLimitStore;
import com.salesconnect.tasksync.store.OrgProbe;
import com.salesconnect.tasksync.store.OrgProbeStore;
import com.salesconnect.tasksync.store.OrgReadAhead;
import com.salesconnect.tasksync.store.OrgUsage;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.testing.FakeOrgLimitStore;
import com.salesconnect.tasksync.testing.FakeOrgProbeStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The org items a container's user sweeps share: read once per org for a few seconds, never missing a new probe. */
class OrgReadsTest {

    private static final String ORG = "00D000000000001AAA";
    private static final String OTHER_ORG = "00D000000000002AAA";

    private final MutableClock clock = MutableClock.at("2026-06-01T08:00:00Z");
    private final Counting counting = new Counting(new FakeOrgLimitStore(clock), new FakeOrgProbeStore(clock));
    private final OrgReads reads = new OrgReads(counting, counting, counting, clock);

    @Test
    void theSweepsOfAnEventsUsers_readEachOrgItemOnce() {
        for (int user = 0; user < 10; user++) {
            reads.changeEvents(ORG);
            reads.latestProbe(ORG);
            clock.advance(Duration.ofMillis(300));
        }

        assertThat(counting.reads).containsExactlyInAnyOrderEntriesOf(
                Map.of("changeEvents " + ORG, 1, "latest " + ORG, 1));
    }

    @Test
    void eachOrg_isReadForItself() {
        reads.latestProbe(ORG);
        reads.latestProbe(OTHER_ORG);
        reads.latestProbe(ORG);

        assertThat(counting.reads).containsExactlyInAnyOrderEntriesOf(
                Map.of("latest " + ORG, 1, "latest " + OTHER_ORG, 1));
    }

    @Test
    void aReadOlderThanFresh_isReadAgain() {
        reads.changeEvents(ORG);
        clock.advance(OrgReads.FRESH);

        reads.changeEvents(ORG);

        assertThat(counting.reads).containsEntry("changeEvents " + ORG, 2);
    }

    @Test
    void aClockThatWentBack_readsAgain() {
        reads.changeEvents(ORG);
        clock.advance(Duration.ofSeconds(-1));

        reads.changeEvents(ORG);

        assertThat(counting.reads).containsEntry("changeEvents " + ORG, 2);
    }

    @Test
    void latestProbeNow_readsTheProbeSavedMeanwhile() {
        assertThat(reads.latestProbe(ORG)).isEmpty();
        OrgProbe saved = probe(clock.instant());
        counting.save(saved);
        clock.advance(OrgReads.PROBE_READ_NOW);
        assertThat(reads.latestProbe(ORG)).as("within FRESH, the earlier read serves").isEmpty();

        assertThat(reads.latestProbeNow(ORG)).contains(saved);
        assertThat(reads.latestProbe(ORG)).contains(saved);
        assertThat(counting.reads).containsEntry("latest " + ORG, 2);
    }

    @Test
    void latestProbeNow_withinASecondOfTheRead_isThatRead() {
        assertThat(reads.latestProbe(ORG)).isEmpty();
        counting.save(probe(clock.instant()));
        clock.advance(OrgReads.PROBE_READ_NOW.minusMillis(1));

        assertThat(reads.latestProbeNow(ORG)).as("what a read now would have read a moment ago").isEmpty();
        assertThat(counting.reads).containsEntry("latest " + ORG, 1);
    }

    @Test
    void readAhead_ofAnOrgWhoseSweepsStopBeforeReadingIt_isOnceWithinFresh() {
        // A blocked org: each user's sweep stops at the block, before it reads the change event flow.
        UserId user = UserId.of("user-1");
        reads.readAhead(ORG, user);
        clock.advance(OrgReads.FRESH.minusMillis(1));
        reads.readAhead(ORG, UserId.of("user-2"));
        clock.advance(Duration.ofMillis(1));
        reads.readAhead(ORG, UserId.of("user-3"));

        assertThat(counting.readAheads).containsExactly(ORG + " user-1", ORG + " user-3");
    }

    @Test
    void readAhead_readsTheOrgsItemsAhead_onlyWhereNothingOfTheOrgWasReadWithinFresh() {
        UserId user = UserId.of("user-1");
        reads.readAhead(ORG, user);
        reads.changeEvents(ORG);
        clock.advance(OrgReads.FRESH.minusMillis(1));
        reads.readAhead(ORG, user);
        reads.readAhead(OTHER_ORG, user);
        clock.advance(Duration.ofMillis(1));
        reads.readAhead(ORG, user);

        assertThat(counting.readAheads).as("the org's first sweep, another org's, and the first after FRESH")
                .containsExactly(ORG + " user-1", OTHER_ORG + " user-1", ORG + " user-1");
    }

    private static OrgProbe probe(Instant at) {
        return new OrgProbe(ORG, "user-admin", at, at.minusSeconds(300), List.of(), at, List.of(), at,
                at.minus(Duration.ofDays(15)), false);
    }

    /** Both org stores, counting the reads a sweep makes of them. */
    private static final class Counting implements OrgLimitStore, OrgProbeStore, OrgReadAhead {

        final Map<String, Integer> reads = new HashMap<>();
        final List<String> readAheads = new ArrayList<>();
        private final OrgLimitStore limits;
        private final OrgProbeStore probes;

        Counting(OrgLimitStore limits, OrgProbeStore probes) {
            this.limits = limits;
            this.probes = probes;
        }

        @Override
        public void readAhead(OrgId org, UserId user) {
            readAheads.add(org.value() + " " + user.value());
        }

        private void count(String what, OrgId org) {
            reads.merge(what + " " + org.value(), 1, Integer::sum);
        }

        @Override
        public Optional<Instant> blockedUntil(OrgId org) {
            count("blockedUntil", org);
            return limits.blockedUntil(org);
        }

        @Override
        public ChangeEventFlow changeEvents(OrgId org) {
            count("changeEvents", org);
            return limits.changeEvents(org);
        }

        @Override
        public Optional<OrgProbe> latest(OrgId org) {
            count("latest", org);
            return probes.latest(org);
        }

        @Override
        public Optional<Instant> nominatedAt(OrgId org) {
            count("nominatedAt", org);
            return probes.nominatedAt(org);
        }

        @Override
        public void blockUntil(OrgId org, Instant until) {
            limits.blockUntil(org, until);
        }

        @Override
        public void addCalls(OrgId org, Instant at, long calls, long orgUsed, long orgLimit) {
            limits.addCalls(org, at, calls, orgUsed, orgLimit);
        }

        @Override
        public OrgUsage usage(OrgId org, Instant now) {
            return limits.usage(org, now);
        }

        @Override
        public void changeEventSeen(OrgId org, Instant at) {
            limits.changeEventSeen(org, at);
        }

        @Override
        public void changeEventGap(OrgId org, Instant at) {
            limits.changeEventGap(org, at);
        }

        @Override
        public void nominate(OrgId org, UserId user) {
            probes.nominate(org, user);
        }

        @Override
        public void retire(OrgId org, UserId user) {
            probes.retire(org, user);
        }

        @Override
        public Page<Prober> probers(String cursor, int limit) {
            return probes.probers(cursor, limit);
        }

        @Override
        public void save(OrgProbe probe) {
            probes.save(probe);
        }

        @Override
        public Optional<Instant> accessCheckedAt(OrgId org, UserId user) {
            return probes.accessCheckedAt(org, user);
        }

        @Override
        public void accessChecked(OrgId org, UserId user, Instant at) {
            probes.accessChecked(org, user, at);
        }
    }
}
