package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.salesforce.Fakes.FakeCipher;
import com.salesconnect.tasksync.salesforce.Fakes.FakeConnectionStore;
import com.salesconnect.tasksync.salesforce.Fakes.FakeOrgLimitStore;
import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.testing.FakeAccessTokenStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.salesforce.StubServer.json;
import static com.salesconnect.tasksync.salesforce.TestSupport.CLIENT_SECRET;
import static com.salesconnect.tasksync.salesforce.TestSupport.ORG_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.SF_USER_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the noisy paths (renewal, rotation, retries, failures, refusal) and reads everything that was logged. */
class LogSecrecyTest {

    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");

    final StubServer sf = new StubServer();
    final FakeCipher cipher = new FakeCipher();
    final FakeConnectionStore connections = new FakeConnectionStore();
    final MutableClock clock = new MutableClock(NOW);
    final SalesforceHttp http = TestSupport.http(clock, new RecordingSleeper());
    final DefaultSalesforceApiFactory factory = new DefaultSalesforceApiFactory(http,
            new SalesforceOAuth(TestSupport.config(sf.baseUrl()), http), cipher, connections, new FakeOrgLimitStore(),
            new FakeAccessTokenStore());
    final PrintStream originalErr = System.err;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        sf.close();
    }

    @Test
    void tokensSecretsAndRecordContent_neverReachTheLog() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        SalesforceConnection connection = connections.put(new SalesforceConnection("user-1", ORG_ID, SF_USER_ID,
                sf.baseUrl().toString(), cipher.encrypt("REFRESH-SECRET-1", TokenContext.refreshToken("user-1")),
                ConnectionState.CONNECTED, NOW, null, 0));
        sf.on("POST", "/services/oauth2/token",
                json(200, tokenResponse("ACCESS-SECRET-1", "REFRESH-SECRET-2", sf.baseUrl())),
                json(200, tokenResponse("ACCESS-SECRET-2", null, sf.baseUrl())),
                json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}"));
        sf.on("PATCH", "/services/data/v62.0/composite/sobjects",
                json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"),
                json(503, "Subject CONFIDENTIAL-SUBJECT unavailable"),
                json(200, "[{\"success\":false,\"errors\":[{\"statusCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
                        + "\"message\":\"CONFIDENTIAL-SUBJECT is not allowed\",\"fields\":[\"Subject\"]}]}]"));
        sf.on("GET", "/services/data/v62.0/query",
                json(400, "[{\"message\":\"CONFIDENTIAL-SUBJECT: bad value\",\"errorCode\":\"INVALID_FIELD\"}]"),
                json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"));

        SalesforceApi api = factory.forConnection(connection);
        api.update(List.of(new SfWrite("sc-1", "00T000000000001AAA", Map.of("Subject", "CONFIDENTIAL-SUBJECT"))));
        assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task WHERE Subject = :s",
                Map.of("s", "CONFIDENTIAL-SUBJECT")))).isInstanceOf(SalesforceRequestException.class);
        assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(ConnectionBrokenException.class);

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("INVALID_SESSION_ID", "HTTP 503", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "invalid_grant", "BROKEN");
        assertThat(log).doesNotContain("ACCESS-SECRET", "REFRESH-SECRET", CLIENT_SECRET, "CONFIDENTIAL-SUBJECT",
                "Bearer");
    }
}
