package com.salesconnect.tasksync.salesforce;

import java.util.regex.Pattern;

/** Salesforce record ids: the case-safe 18-character form, and the Sales Connect id of an imported task. */
public final class SalesforceIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    /** Tasks imported from Salesforce get this prefix + the 18-char id: a retried import cannot make two. */
    public static final String IMPORTED_PREFIX = "sf-";

    private SalesforceIds() {
    }

    /** The 18-character form; 15-character ids get Salesforce's case-safe checksum suffix. */
    public static String to18(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Salesforce id");
        }
        if (id.length() == 18) {
            return id;
        }
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return id + suffix;
    }

    /** Deterministic Sales Connect task id of a Salesforce task imported into Sales Connect. */
    public static String importedTaskId(String sfId) {
        return IMPORTED_PREFIX + to18(sfId);
    }

    /** The Salesforce id an imported task was made from, or null for a task created in Sales Connect. */
    public static String sfIdOfImported(String taskId) {
        if (!taskId.startsWith(IMPORTED_PREFIX)) {
            return null;
        }
        String id = taskId.substring(IMPORTED_PREFIX.length());
        return ID.matcher(id).matches() && id.length() == 18 ? id : null;
    }

    /** Salesforce compares ids case-sensitively in their 15-char form; the 18-char forms compare equal then. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (!ID.matcher(a).matches() || !ID.matcher(b).matches()) {
            return a.equals(b);
        }
        return to18(a).equals(to18(b));
    }
}
