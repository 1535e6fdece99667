package com.salesconnect.tasksync.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTest {

    @Test
    void fixed_standsStillUntilAdvanced() {
        MutableClock clock = MutableClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        clock.advance(Duration.ofHours(30));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-02T06:00:00Z"));
    }

    @Test
    void set_movesTheClockToThatInstant() {
        MutableClock clock = MutableClock.system();
        clock.set(Instant.parse("2030-05-05T05:05:05Z"));
        assertThat(clock.instant()).isBetween(Instant.parse("2030-05-05T05:05:05Z"),
                Instant.parse("2030-05-05T05:06:05Z"));
    }

    @Test
    void withZone_sharesTheOffset() {
        MutableClock clock = MutableClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        var berlin = clock.withZone(java.time.ZoneId.of("Europe/Berlin"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(berlin.instant()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    }
}
