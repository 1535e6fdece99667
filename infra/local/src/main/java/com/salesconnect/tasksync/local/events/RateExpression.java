package com.salesconnect.tasksync.local.events;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An EventBridge {@code rate(value unit)} expression; cron and one-time schedules are not run locally. */
public final class RateExpression {

    private static final Pattern RATE =
            Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private RateExpression() {
    }

    /** @throws IllegalArgumentException for anything but a valid rate expression (the message says why) */
    public static Duration parse(String expression) {
        Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("the local runtime runs rate(N minutes|hours|days) schedules, not '"
                    + expression + "'");
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2);
        boolean singular = !unit.endsWith("s");
        if (value < 1 || (singular != (value == 1))) {
            // EventBridge's own rule: rate(1 minute) but rate(5 minutes).
            throw new IllegalArgumentException("invalid rate expression '" + expression + "'");
        }
        return switch (unit.replaceAll("s$", "")) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }
}
