package com.salesconnect.tasksync.emulator.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code application/x-www-form-urlencoded} text: query strings and form bodies such as {@code a=1&b=x+y}.
 * Names and values are decoded ({@code +} is a space, {@code %XX} a UTF-8 byte); a pair without {@code =} has the
 * empty value; empty pairs ({@code a=1&&b=2}) are skipped; a name given more than once keeps every value, in order.
 * Shared by the Salesforce emulator and the local runtime.
 */
public final class FormEncoding {

    /** What to do with a name or value whose {@code %} is not followed by two hex digits. */
    private enum Malformed { REJECT, KEEP_AS_SENT }

    private FormEncoding() {
    }

    /**
     * The decoded pairs, in arrival order.
     *
     * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits; the message says which
     *                                  pair, never its text (forms carry passwords and client secrets)
     */
    public static Map<String, List<String>> parse(String raw) {
        return parse(raw, Malformed.REJECT);
    }

    /**
     * Like {@link #parse}, but a name or value with a malformed {@code %} escape is kept exactly as sent: the
     * emulator answers such requests the way it always has instead of failing them.
     */
    public static Map<String, List<String>> parseKeepingMalformed(String raw) {
        return parse(raw, Malformed.KEEP_AS_SENT);
    }

    /** Encodes one name or value for a form or query string. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> parse(String raw, Malformed malformed) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        String[] pairs = raw.split("&");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), malformed, "name", i + 1);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), malformed, "value", i + 1);
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s, Malformed malformed, String part, int pairNumber) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            if (malformed == Malformed.KEEP_AS_SENT) {
                return s;
            }
            throw new IllegalArgumentException("malformed form or query string: the " + part + " of pair "
                    + pairNumber + " has a '%' not followed by two hex digits");
        }
    }
}
