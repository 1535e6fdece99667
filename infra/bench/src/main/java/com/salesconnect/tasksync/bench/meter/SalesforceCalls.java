package com.salesconnect.tasksync.bench.meter;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Salesforce REST resources the run called, counted from the sync's Salesforce client's request log
 * ({@code -Dtasksync.salesforce.requestLog=requests} makes {@code SalesforceTransport} report every request's method
 * and URI to the {@code com.salesconnect.tasksync.salesforce.requests} java.util.logging logger, and this handler
 * counts them, keeping nothing else: no query text, no id, no header). The org's API usage counter stays the figure
 * targets are held against; this says what the calls were.
 */
public final class SalesforceCalls extends Handler {

    static final String LOGGER = "com.salesconnect.tasksync.salesforce.requests";
    static final String PROPERTY = "tasksync.salesforce.requestLog";
    private static final Pattern REQUEST = Pattern.compile("^REQUEST: (\\S+) ([A-Z]+)$");
    private static final Pattern REST = Pattern.compile("^/services/data/v\\d+\\.\\d+/(.*)$");
    private static final Pattern SF_ID = Pattern.compile("^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$");
    private static final Pattern FROM = Pattern.compile("\\bFROM\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    /** Held, so the logger (and the handler on it) outlives the LogManager's weak reference. */
    private static volatile Logger installed;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Starts counting; the JVM must have been started with {@code -Dtasksync.salesforce.requestLog=requests}. */
    public static SalesforceCalls install() {
        SalesforceCalls handler = new SalesforceCalls();
        Logger logger = Logger.getLogger(LOGGER);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        installed = logger;
        return handler;
    }

    public static boolean enabled() {
        return System.getProperty(PROPERTY) != null;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.startsWith("REQUEST: ")) {
            return;
        }
        Matcher m = REQUEST.matcher(message);
        if (!m.matches()) {
            return;
        }
        String kind = classify(m.group(2), m.group(1));
        if (kind != null) {
            counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    /** Counts so far, by kind of call. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * The kind of a Salesforce call, e.g. {@code query Task}, {@code composite/sobjects PATCH},
     * {@code sobjects/Task/deleted}; {@code oauth token} for OAuth calls (which Salesforce does not count); null for
     * anything that is not a call to Salesforce.
     */
    static String classify(String method, String uriText) {
        URI uri;
        try {
            uri = URI.create(uriText);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.startsWith("/services/oauth2/")) {
            return "oauth " + path.substring("/services/oauth2/".length());
        }
        Matcher rest = REST.matcher(path);
        if (!rest.matches()) {
            return null;
        }
        String[] s = rest.group(1).split("/");
        String first = s[0];
        switch (first) {
            case "query", "queryAll" -> {
                if (s.length > 1) {
                    return first + " (next page)";
                }
                return first + " " + soqlObject(uri.getRawQuery());
            }
            case "composite" -> {
                if (s.length == 2 && s[1].equals("sobjects")) {
                    return "composite/sobjects " + method;
                }
                if (s.length >= 3 && s[1].equals("sobjects")) {
                    return "composite/sobjects/" + s[2] + " " + method + " (retrieve)";
                }
                return "composite " + method;
            }
            case "sobjects" -> {
                if (s.length == 1) {
                    return "sobjects " + method;
                }
                if (s.length == 2) {
                    return "sobjects/" + s[1] + " " + method;
                }
                String third = s[2];
                if (third.equals("updated") || third.equals("deleted") || third.equals("describe")) {
                    return "sobjects/" + s[1] + "/" + third;
                }
                return "sobjects/" + s[1] + (SF_ID.matcher(third).matches() ? "/{id} " : "/" + third + " ") + method;
            }
            default -> {
                return first + " " + method;
            }
        }
    }

    private static String soqlObject(String rawQuery) {
        if (rawQuery == null) {
            return "?";
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("q=")) {
                String soql = URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
                Matcher m = FROM.matcher(soql);
                if (m.find()) {
                    String object = m.group(1);
                    return object.substring(0, 1).toUpperCase(Locale.ROOT) + object.substring(1);
                }
            }
        }
        return "?";
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
