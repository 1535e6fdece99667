package com.salesconnect.tasksync.emulator.cdc;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

/**
 * AWS Signature Version 4 for one JSON POST to the root path of an AWS endpoint (EventBridge PutEvents), by hand:
 * the emulator carries no AWS SDK. Signs host, x-amz-date and x-amz-target.
 */
final class SigV4 {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /** The headers to add (X-Amz-Date, Authorization) for {@code body} posted to {@code endpoint} at {@code now}. */
    static Map<String, String> headers(URI endpoint, String region, String service, String target, String body,
                                       String accessKey, String secretKey, Instant now) {
        String amzDate = STAMP.format(now);
        String date = amzDate.substring(0, 8);
        String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        String signedHeaders = "host;x-amz-date;x-amz-target";
        String canonical = "POST\n/\n\n" + "host:" + host + "\n" + "x-amz-date:" + amzDate + "\n"
                + "x-amz-target:" + target + "\n\n" + signedHeaders + "\n" + hex(sha256(body));
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        return Map.of("X-Amz-Date", amzDate, "Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/"
                + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
