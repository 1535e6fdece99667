package com.salesconnect.tasksync.emulator.org;

import com.salesconnect.tasksync.emulator.sobject.FieldDef;
import com.salesconnect.tasksync.emulator.sobject.FieldType;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed and admin-API conveniences: a date field may say {@code TODAY}, {@code TODAY+1}, {@code TODAY-3} (in
 * the acting user's time zone), a date-time field {@code NOW}, {@code NOW-30h}, {@code NOW+15m},
 * {@code NOW-2d}, all on the emulator clock. Anything else passes through unchanged.
 */
public final class RelativeTimes {

    private static final Pattern TODAY = Pattern.compile("TODAY(?:([+-])(\\d{1,5})D?)?");
    private static final Pattern NOW = Pattern.compile("NOW(?:([+-])(\\d{1,7})([DHMS]))?");

    private RelativeTimes() {
    }

    public static Map<String, Object> resolve(Map<String, ?> fields, ObjectSchema schema, Clock clock, ZoneId zone) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((name, value) -> out.put(name, resolve(schema.field(name).orElse(null), value, clock, zone)));
        return out;
    }

    private static Object resolve(FieldDef field, Object value, Clock clock, ZoneId zone) {
        if (field == null || !(value instanceof String text)) {
            return value;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (field.type() == FieldType.DATE) {
            Matcher m = TODAY.matcher(upper);
            if (m.matches()) {
                LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
                return m.group(1) == null ? today : today.plusDays(signed(m.group(1), m.group(2)));
            }
        }
        if (field.type() == FieldType.DATETIME) {
            Matcher m = NOW.matcher(upper);
            if (m.matches()) {
                if (m.group(1) == null) {
                    return clock.instant();
                }
                long n = signed(m.group(1), m.group(2));
                Duration d = switch (m.group(3)) {
                    case "D" -> Duration.ofDays(n);
                    case "H" -> Duration.ofHours(n);
                    case "M" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                };
                return clock.instant().plus(d);
            }
        }
        return value;
    }

    private static long signed(String sign, String digits) {
        long n = Long.parseLong(digits);
        return sign.equals("-") ? -n : n;
    }
}
