package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.ConnectFlowException;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth.AuthorizeOptions;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.sync.ConnectService;
import com.salesconnect.tasksync.sync.SettingsService;
import com.salesconnect.tasksync.testing.FakeSyncEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The OAuth web-server flow end to end: ConnectService against the emulator's authorize and token endpoints,
 * the connection in DynamoDB with its refresh token under the template's KMS key, renewal on an expired session,
 * rotation, revocation and the broken connection.
 */
@AwsEngineTest
class OAuthConnectIT {

    private static final URI PUBLIC_BASE = URI.create("https://api.example.com");

    private final EmulatedSalesforce org;
    private final ConnectService connect;

    OAuthConnectIT(AwsResources aws) {
        this.org = new EmulatedSalesforce(aws, c -> c.withRefreshTokenRotation(true, Duration.ZERO));
        this.connect = new ConnectService(org.oauth, org.stores.oauthStates(), org.stores.connections(),
                new SettingsService(org.stores.settings(), org.stores.connections(),
                        new FakeSyncEventPublisher(), org.clock),
                org.stores.webhooks(), org.cipher, org.clock, new SecureRandom(), PUBLIC_BASE);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    /** The code and state Salesforce hands the browser back on the redirect URI. */
    private record Callback(String code, String state) {
    }

    /** Starts a connect and lets the emulator's login page pick the user (login_hint), as a browser would. */
    private Callback authorizeAs(String userId, String username) {
        URI authorize = connect.start(UserId.of(userId), new AuthorizeOptions(username, null));
        assertThat(authorize.toString()).startsWith(org.sf.baseUrl() + "/services/oauth2/authorize?");

        HttpResponse<String> response = org.get(authorize);

        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(EmulatedSalesforce.REDIRECT_URI + "?");
        Map<String, String> query = query(location);
        assertThat(query).containsKeys("code", "state").doesNotContainKey("error");
        return new Callback(query.get("code"), query.get("state"));
    }

    @Test
    void oauthConnect_fullLifecycle_connectsRenewsRotatesAndReportsTheRevokedConnectionBroken() {
        String userId = EmulatedSalesforce.uniqueUser();
        Callback callback = authorizeAs(userId, DEMO);

        ConnectService.Connected connected = connect.callback(callback.code(), callback.state());

        // connected: the org and user come from the signed identity URL, the webhook is the org's
        assertThat(connected.orgId()).isEqualTo(org.sf.org().id());
        assertThat(connected.sfUserId()).isEqualTo(org.sfUserId(DEMO));
        SalesforceConnection stored = org.stores.connections().get(UserId.of(userId)).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(stored.instanceUrl()).isEqualTo(org.sf.baseUrl());
        assertThat(org.stores.connections().userForOwner(OrgId.of(connected.orgId()),
                SalesforceId.of(connected.sfUserId()))).contains(userId);
        String webhookToken = connected.webhookUrl().toString()
                .substring((PUBLIC_BASE + WebhookTokens.PATH_PREFIX).length());
        assertThat(org.stores.webhooks().orgForTokenHash(WebhookTokens.hash(webhookToken))).contains(connected.orgId());

        // the refresh token exists in the store only as KMS ciphertext bound to the user
        String refreshToken = org.storedRefreshToken(userId);
        assertThat(refreshToken).isNotBlank();
        assertThat(stored.encryptedRefreshToken()).doesNotContain(refreshToken);
        assertThat(org.itemsContaining(refreshToken)).as("items holding the plaintext refresh token").isEmpty();
        assertThat(org.itemsContaining(webhookToken)).as("items holding the plaintext webhook token").isEmpty();

        // API calls work on the stored connection
        SalesforceApi api = org.api(userId);
        List<SaveResult> created = api.create(List.of(new SfWrite("sc-1", null, Map.of("Subject", "Call Ada"))));
        assertThat(created).singleElement().isInstanceOf(SaveResult.Saved.class);
        assertThat(api.query(Soql.of("SELECT Id, Subject FROM Task")).records())
                .extracting(t -> t.subject()).containsExactly("Call Ada");

        // the access token expires (2 h): the next call answers 401 INVALID_SESSION_ID, renews and goes through
        String encryptedBefore = org.stores.connections().get(UserId.of(userId)).orElseThrow().encryptedRefreshToken();
        String usedRefreshToken = org.storedRefreshToken(userId);
        org.clock.advance(Duration.ofHours(2).plusMinutes(1));

        assertThat(api.query(Soql.of("SELECT Id FROM Task")).records()).hasSize(1);

        // rotation: the renewal's new refresh token replaced the used one, encrypted; the used one is dead
        SalesforceConnection renewed = org.stores.connections().get(UserId.of(userId)).orElseThrow();
        assertThat(renewed.encryptedRefreshToken()).isNotEqualTo(encryptedBefore);
        String rotated = org.storedRefreshToken(userId);
        assertThat(rotated).isNotEqualTo(usedRefreshToken);
        assertThat(renewed.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(org.itemsContaining(rotated)).isEmpty();
        assertThat(catchThrowableOfType(ConnectionBrokenException.class, () -> org.oauth.refresh(usedRefreshToken)))
                .as("the rotated-away refresh token is refused").isNotNull();

        // the user revokes the app in Salesforce: its sessions die, and the renewal is refused
        assertThat(org.revoke(rotated).statusCode()).isEqualTo(200);

        ConnectionBrokenException broken = catchThrowableOfType(ConnectionBrokenException.class,
                () -> api.query(Soql.of("SELECT Id FROM Task")));

        assertThat(broken).isNotNull();
        SalesforceConnection reported = org.stores.connections().get(UserId.of(userId)).orElseThrow();
        assertThat(reported.state()).isEqualTo(ConnectionState.BROKEN);
        assertThat(reported.brokenReason()).isNotBlank();
        long used = org.apiCallsUsed();
        assertThat(catchThrowableOfType(ConnectionBrokenException.class, () -> org.api(userId)))
                .as("a broken connection is not opened again").isNotNull();
        assertThat(org.apiCallsUsed()).isEqualTo(used);
    }

    @Test
    void connectingAgain_afterTheConnectionBroke_makesTheSameContainersApiWorkAgain() {
        String userId = EmulatedSalesforce.uniqueUser();
        Callback first = authorizeAs(userId, DEMO);
        connect.callback(first.code(), first.state());
        SalesforceApi api = org.api(userId);
        api.query(Soql.of("SELECT Id FROM Task"));
        assertThat(org.revoke(org.storedRefreshToken(userId)).statusCode()).isEqualTo(200);
        assertThat(catchThrowableOfType(ConnectionBrokenException.class,
                () -> api.query(Soql.of("SELECT Id FROM Task")))).isNotNull();

        Callback again = authorizeAs(userId, DEMO);
        connect.callback(again.code(), again.state());

        assertThat(org.stores.connections().get(UserId.of(userId)).orElseThrow().state())
                .isEqualTo(ConnectionState.CONNECTED);
        assertThat(org.api(userId).query(Soql.of("SELECT Id FROM Task")).records()).isEmpty();
        assertThat(api.query(Soql.of("SELECT Id FROM Task")).records()).as("the API opened before").isEmpty();
    }

    @Test
    void reusedState_isRefused_andTheConnectionItMadeStaysAsItWas() {
        String userId = EmulatedSalesforce.uniqueUser();
        Callback first = authorizeAs(userId, DEMO);
        connect.callback(first.code(), first.state());
        SalesforceConnection connected = org.stores.connections().get(UserId.of(userId)).orElseThrow();
        // a second, genuine code (for another Salesforce user) replayed with the already used state
        Callback second = authorizeAs(EmulatedSalesforce.uniqueUser(), SAM);

        ConnectFlowException refused = catchThrowableOfType(ConnectFlowException.class,
                () -> connect.callback(second.code(), first.state()));

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(ConnectFlowException.Reason.UNKNOWN_STATE);
        assertThat(org.stores.connections().get(UserId.of(userId))).contains(connected);
        assertThat(org.stores.connections().userForOwner(OrgId.of(org.sf.org().id()),
                SalesforceId.of(org.sfUserId(SAM)))).isEmpty();
    }

    @Test
    void expiredState_isRefused_andNothingIsStored() {
        String userId = EmulatedSalesforce.uniqueUser();
        Callback callback = authorizeAs(userId, DEMO);
        org.clock.advance(ConnectService.STATE_TTL.plusSeconds(1));

        ConnectFlowException refused = catchThrowableOfType(ConnectFlowException.class,
                () -> connect.callback(callback.code(), callback.state()));

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(ConnectFlowException.Reason.UNKNOWN_STATE);
        assertThat(org.stores.connections().get(UserId.of(userId))).isEmpty();
        assertThat(org.allItems()).as("no connection, routing or webhook; the state is consumed").isEmpty();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
