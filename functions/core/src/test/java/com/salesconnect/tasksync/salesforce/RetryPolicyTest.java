package com.salesconnect.tasksync.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void theCeilingDoublesFromTheBase_upToTheCap() {
        assertThat(policy.ceilingMillis(1)).isEqualTo(200);
        assertThat(policy.ceilingMillis(2)).isEqualTo(400);
        assertThat(policy.ceilingMillis(4)).isEqualTo(1600);
        assertThat(policy.ceilingMillis(5)).isEqualTo(2000);
        assertThat(policy.ceilingMillis(64)).isEqualTo(2000);
    }

    @Test
    void delays_areFullJitter_spreadOverZeroToTheCeiling() {
        Random random = new Random(1);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1_000; i++) {
            long d = policy.delayBefore(2, random).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(0L, 20L);
        assertThat(max).isBetween(380L, 400L);
    }

    @Test
    void aHugeBase_doesNotOverflowPastTheCap() {
        RetryPolicy big = new RetryPolicy(40, Duration.ofDays(365), Duration.ofDays(3650));

        assertThat(big.ceilingMillis(40)).isEqualTo(Duration.ofDays(3650).toMillis());
    }

    @Test
    void invalidPolicies_areRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
