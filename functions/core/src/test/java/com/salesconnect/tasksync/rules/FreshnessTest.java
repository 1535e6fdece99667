package com.salesconnect.tasksync.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessTest {

    private static final Instant APPLIED = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void stale_olderSystemModstamp_isStale() {
        assertThat(Freshness.of(APPLIED.minusSeconds(1), APPLIED)).isEqualTo(Freshness.STALE);
    }

    @Test
    void duplicate_sameSystemModstamp_isDuplicate() {
        assertThat(Freshness.of(APPLIED, APPLIED)).isEqualTo(Freshness.DUPLICATE);
    }

    @Test
    void newer_orNothingAppliedYet_isNew() {
        assertThat(Freshness.of(APPLIED.plusSeconds(1), APPLIED)).isEqualTo(Freshness.NEW);
        assertThat(Freshness.of(APPLIED, (Instant) null)).isEqualTo(Freshness.NEW);
    }
}
