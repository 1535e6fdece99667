package com.salesconnect.tasksync.store.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: base64url of a small text the store alone interprets. */
final class Cursors {

    private Cursors() {
    }

    static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for a cursor this store did not issue */
    static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("malformed page cursor");
            }
            return text;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed page cursor", e);
        }
    }
}
