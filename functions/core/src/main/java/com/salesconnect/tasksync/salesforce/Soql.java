package com.salesconnect.tasksync.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A SOQL statement whose values are bound, never concatenated: {@code :name} placeholders in a constant
 * template are replaced by literals rendered here, so no task data or id can change the statement.
 *
 * <pre>{@code Soql.of("SELECT Id FROM Task WHERE OwnerId = :owner AND SystemModstamp > :since",
 *         Map.of("owner", Soql.id(ownerId), "since", instant))}</pre>
 *
 * Values: {@link SfId} (validated 15/18-char id), String (quoted and escaped), Instant (UTC date-time),
 * LocalDate, Boolean, Integer/Long, or a Collection of those (an IN list).
 */
public final class Soql {

    private static final Pattern PLACEHOLDER = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String text;

    private Soql(String text) {
        this.text = text;
    }

    /** A Salesforce id, checked for shape before it is bound. */
    public record SfId(String value) {
        public SfId {
            if (value == null || !ID.matcher(value).matches()) {
                throw new IllegalArgumentException("not a Salesforce id");
            }
        }
    }

    public static SfId id(String value) {
        return new SfId(value);
    }

    public static Soql of(String template, Map<String, ?> params) {
        Objects.requireNonNull(template, "template");
        if (template.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("literals must be bound as parameters, not written in the template");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("no value bound for :" + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal(params.get(name))));
        }
        m.appendTail(out);
        return new Soql(out.toString());
    }

    public static Soql of(String template) {
        return of(template, Map.of());
    }

    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof SfId sfId) {
            return "'" + sfId.value() + "'";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Instant i) {
            return DATE_TIME.format(i.truncatedTo(ChronoUnit.SECONDS));
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Collection<?> c) {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("an IN list needs at least one value");
            }
            if (c.stream().anyMatch(Collection.class::isInstance)) {
                throw new IllegalArgumentException("an IN list cannot hold lists");
            }
            return c.stream().map(Soql::literal).collect(Collectors.joining(",", "(", ")"));
        }
        throw new IllegalArgumentException("cannot bind a " + value.getClass().getSimpleName() + " in SOQL");
    }

    /** SOQL string literal escaping (the documented escape sequences): backslash, quotes and control characters. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                // Other control characters as a backslash-u escape, so the statement text stays printable.
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Soql other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
