package com.salesconnect.tasksync.id;

import java.util.regex.Pattern;

/**
 * A Salesforce record id (a task, a user, an org), always in its case-safe 18-character form: a 15-character id
 * gets Salesforce's checksum suffix when made, so the two forms of one id are equal. Anything else is refused, so
 * an id is safe to put in a SOQL literal or a key.
 */
public record SalesforceId(String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    public SalesforceId {
        value = to18(value, "Salesforce id");
    }

    public static SalesforceId of(String value) {
        return new SalesforceId(value);
    }

    /** 15 or 18 letters and digits: the shape of a Salesforce id. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** The first 15 characters: the case-sensitive form Salesforce shows in URLs and some payloads. */
    public String to15() {
        return value.substring(0, 15);
    }

    /** The 18-character form of {@code id}; a 15-character one gets Salesforce's case-safe checksum suffix. */
    static String to18(String id, String what) {
        Ids.requireText(id, what);
        if (!isId(id)) {
            throw new IllegalArgumentException("not a " + what);
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

    @Override
    public String toString() {
        return value;
    }
}
