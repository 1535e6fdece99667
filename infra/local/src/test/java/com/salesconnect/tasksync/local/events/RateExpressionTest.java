package com.salesconnect.tasksync.local.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateExpressionTest {

    @Test
    void rateExpressions_inMinutesHoursAndDays() {
        assertThat(RateExpression.parse("rate(5 minutes)")).isEqualTo(Duration.ofMinutes(5));
        assertThat(RateExpression.parse("rate(1 minute)")).isEqualTo(Duration.ofMinutes(1));
        assertThat(RateExpression.parse("rate(2 hours)")).isEqualTo(Duration.ofHours(2));
        assertThat(RateExpression.parse(" rate(1 day) ")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void cronAndMalformedExpressions_areRefusedWithTheReason() {
        assertThatThrownBy(() -> RateExpression.parse("cron(0 12 * * ? *)")).hasMessageContaining("rate(");
        assertThatThrownBy(() -> RateExpression.parse("rate(5 minute)")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> RateExpression.parse("rate(1 minutes)")).hasMessageContaining("invalid");
        assertThatThrownBy(() -> RateExpression.parse("rate(0 minutes)")).hasMessageContaining("invalid");
    }
}
