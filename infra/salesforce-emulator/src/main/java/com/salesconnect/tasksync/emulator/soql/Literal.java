package com.salesconnect.tasksync.emulator.soql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A value written in a SOQL statement. */
public sealed interface Literal {

    /** A quoted string; {@code likeRegex} is the same text as a LIKE pattern (wildcards vs escaped ones). */
    record Text(String value, String likeRegex) implements Literal {
    }

    record Number(BigDecimal value) implements Literal {
    }

    record Bool(boolean value) implements Literal {
    }

    record Null() implements Literal {
    }

    record DateValue(LocalDate value) implements Literal {
    }

    record DateTimeValue(Instant value) implements Literal {
    }

    /** TODAY, LAST_N_DAYS:n and friends: a range of days, [first, first + days), resolved at run time in UTC. */
    record RelativeDate(String name, int offsetDays, int days) implements Literal {
    }
}
