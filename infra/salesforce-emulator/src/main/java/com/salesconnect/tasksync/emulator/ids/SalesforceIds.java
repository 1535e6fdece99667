package com.salesconnect.tasksync.emulator.ids;

import java.util.Optional;

/**
 * Salesforce record ids: a 15-character case-sensitive id and its 18-character case-safe form, whose
 * 3-character suffix encodes, five characters at a time, which characters are upper-case letters.
 */
public final class SalesforceIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    /** The 18-character form of a 15-character id. */
    public static String toCaseSafe(String id15) {
        if (id15 == null || id15.length() != 15 || !isAlphanumeric(id15)) {
            throw new IllegalArgumentException("not a 15-character Salesforce id");
        }
        StringBuilder out = new StringBuilder(18).append(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return out.toString();
    }

    /**
     * The canonical 18-character form of a 15- or 18-character id, or empty when it is not a well-formed id.
     * An 18-character id is read as Salesforce reads it: its suffix restores the case of the first 15
     * characters, so {@code 001a0000006vm9rIAC} names the same record as {@code 001A0000006Vm9r}.
     */
    public static Optional<String> normalize(String id) {
        if (id == null || !isAlphanumeric(id)) {
            return Optional.empty();
        }
        if (id.length() == 15) {
            return Optional.of(toCaseSafe(id));
        }
        if (id.length() != 18) {
            return Optional.empty();
        }
        char[] restored = id.substring(0, 15).toCharArray();
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = SUFFIX_ALPHABET.indexOf(Character.toUpperCase(id.charAt(15 + chunk)));
            if (bits < 0) {
                return Optional.empty();
            }
            for (int i = 0; i < 5; i++) {
                int at = chunk * 5 + i;
                boolean upper = (bits & (1 << i)) != 0;
                char c = restored[at];
                if (upper && !Character.isLetter(c)) {
                    return Optional.empty();
                }
                if (Character.isLetter(c)) {
                    restored[at] = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
                }
            }
        }
        return Optional.of(toCaseSafe(new String(restored)));
    }

    /** The 3-character key prefix naming the object type. */
    public static String keyPrefix(String id) {
        return id.substring(0, 3);
    }

    public static String to15(String id18) {
        return id18.substring(0, 15);
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
