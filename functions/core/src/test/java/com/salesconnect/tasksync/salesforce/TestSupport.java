package com.salesconnect.tasksync.salesforce;


import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Builders shared by the Salesforce client tests. */
final class TestSupport {

    static final String CLIENT_SECRET = "test-client-secret-0123456789";
    static final String ORG_ID = "00Dxx0000001gEREAY";
    static final String SF_USER_ID = "005xx000001Sv6eAAC";

    private TestSupport() {
    }

    static SalesforceHttp http(Clock clock, Sleeper sleeper) {
        return http(clock, sleeper, Duration.ofSeconds(5));
    }

    static SalesforceHttp http(Clock clock, Sleeper sleeper, Duration requestTimeout) {
        return new SalesforceHttp(SalesforceHttp.defaultClient(Duration.ofSeconds(2)),
                RetryPolicy.DEFAULT, sleeper, new Random(42), clock, requestTimeout);
    }

    static SalesforceAppConfig config(URI loginUrl) {
        return new SalesforceAppConfig(loginUrl, "client-id-123", CLIENT_SECRET,
                URI.create("https://app.example.com/salesforce/callback"), "62.0");
    }

    /** A token endpoint answer signed like Salesforce signs it: HMAC-SHA256(id + issued_at) with the secret. */
    static String tokenResponse(String accessToken, String refreshToken, URI instanceUrl) {
        return tokenResponse(accessToken, refreshToken, instanceUrl, ORG_ID, SF_USER_ID);
    }

    static String tokenResponse(String accessToken, String refreshToken, URI instanceUrl, String orgId,
                                String userId) {
        String id = "https://login.salesforce.com/id/" + orgId + "/" + userId;
        String issuedAt = "1700000000123";
        return "{"
                + "\"access_token\":\"" + accessToken + "\","
                + (refreshToken == null ? "" : "\"refresh_token\":\"" + refreshToken + "\",")
                + "\"signature\":\"" + sign(id + issuedAt) + "\","
                + "\"scope\":\"refresh_token api\","
                + "\"instance_url\":\"" + instanceUrl + "\","
                + "\"id\":\"" + id + "\","
                + "\"token_type\":\"Bearer\","
                + "\"issued_at\":\"" + issuedAt + "\"}";
    }

    static String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session handing out t1, t2, ... and counting renewals. */
    static final class ScriptedSession implements SalesforceSession {
        private final URI instanceUrl;
        private int issued = 1;
        private AccessToken current;
        final List<AccessToken> rejected = new ArrayList<>();

        ScriptedSession(URI instanceUrl) {
            this.instanceUrl = instanceUrl;
            this.current = new AccessToken("t1", instanceUrl);
        }

        @Override
        public AccessToken token() {
            return current;
        }

        @Override
        public AccessToken renew(AccessToken rejectedToken) {
            rejected.add(rejectedToken);
            current = new AccessToken("t" + (++issued), instanceUrl);
            return current;
        }
    }

    /** A collection answer of {@code n} successes with ids derived from {@code firstIndex}. */
    static String savedResults(int firstIndex, int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"id\":\"").append(taskId(firstIndex + i)).append("\",\"success\":true,\"errors\":[]}");
        }
        return b.append(']').toString();
    }

    static String taskId(int i) {
        return String.format("00T%012dAAA", i);
    }
}
