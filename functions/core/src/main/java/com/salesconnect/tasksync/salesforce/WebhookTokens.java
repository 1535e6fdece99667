package com.salesconnect.tasksync.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The unguessable tokens in Outbound Message endpoint URLs: 32 random bytes, base64url without padding.
 * Only their SHA-256 (hex) is used to look an org up, so a read of the table does not reveal a working URL.
 */
public final class WebhookTokens {

    /** The path the tokens live under; the inbound function's route. */
    public static final String PATH_PREFIX = "/salesforce/outbound-messages/";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private WebhookTokens() {
    }

    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True for a string that could be a token; anything else can be refused without a lookup. */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
