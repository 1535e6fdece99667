package com.salesconnect.tasksync.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SfDatesTest {

    @Test
    void dateTimes_areReadInRestSoapAndOffsetForms() {
        Instant expected = Instant.parse("2011-07-07T00:37:00Z");
        assertThat(SfDates.parseDateTime("2011-07-07T00:37:00.000+0000")).isEqualTo(expected);
        assertThat(SfDates.parseDateTime("2011-07-07T00:37:00.000Z")).isEqualTo(expected);
        assertThat(SfDates.parseDateTime("2011-07-07T00:37:00Z")).isEqualTo(expected);
        assertThat(SfDates.parseDateTime("2011-07-07T02:37:00+02:00")).isEqualTo(expected);
        assertThat(SfDates.parseDateTime("2011-07-06T19:37:00.000-0500")).isEqualTo(expected);
        assertThat(SfDates.parseDateTime("2011-07-07T00:37:00.123456Z"))
                .isEqualTo(Instant.parse("2011-07-07T00:37:00.123456Z"));
    }

    @Test
    void aDateTimeWithoutOffset_isRefused_ratherThanGuessed() {
        assertThatThrownBy(() -> SfDates.parseDateTime("2011-07-07T00:37:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SfDates.parseDateTime("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dates_areNeverShifted() {
        assertThat(SfDates.parseDate("2024-03-10")).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(SfDates.parseDate("2024-03-10+14:00")).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(SfDates.parseDate("2024-03-10Z")).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(SfDates.formatDate(LocalDate.of(2024, 3, 10))).isEqualTo("2024-03-10");
        assertThatThrownBy(() -> SfDates.parseDate("2024-02-30")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SfDates.parseDateTime("2024-02-30T10:00:00Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SfDates.parseDateTime("2024-03-01T24:00:00Z")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateTimes_areWrittenInUtcWithMillis() {
        assertThat(SfDates.formatDateTime(Instant.parse("2024-03-09T23:30:00Z"))).isEqualTo("2024-03-09T23:30:00.000Z");
        assertThat(SfDates.formatDateTime(Instant.parse("2024-03-09T23:30:00.1239Z"))).isEqualTo("2024-03-09T23:30:00.123Z");
    }

    @Test
    void replicationDates_areTruncatedToTheMinute() {
        assertThat(SfDates.formatReplication(Instant.parse("2024-03-09T23:30:59.999Z"))).isEqualTo("2024-03-09T23:30:00+00:00");
    }
}
