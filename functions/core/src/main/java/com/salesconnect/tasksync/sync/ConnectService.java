package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.ConnectFlowException;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.salesforce.OAuthTokens;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth.AuthorizeOptions;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.ConnectionStore;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.store.WebhookStore.Webhook;
import com.salesconnect.tasksync.sync.SettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Connecting a Sales Connect user to Salesforce (OAuth web-server flow): {@link #start} issues a one-time
 * state and the authorize URL; {@link #callback} checks the state, exchanges the code, stores the connection
 * (refresh token encrypted) and makes sure the org has its Outbound Message endpoint, whose URL it returns for
 * the user (or their admin) to paste into Salesforce.
 */
public final class ConnectService {

    /** How long a connect may take between start and callback. */
    public static final Duration STATE_TTL = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectService.class);
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_CODE_LENGTH = 2048;

    private final SalesforceOAuth oauth;
    private final OAuthStateStore states;
    private final ConnectionStore connections;
    private final SettingsService settings;
    private final WebhookStore webhooks;
    private final TokenCipher cipher;
    private final Clock clock;
    private final SecureRandom random;
    private final URI publicBaseUrl;

    /** The outcome of a successful connect. */
    public record Connected(String userId, String orgId, String sfUserId, URI webhookUrl) {
    }

    public ConnectService(SalesforceOAuth oauth, OAuthStateStore states, ConnectionStore connections,
                          SettingsService settings,
                          WebhookStore webhooks, TokenCipher cipher, Clock clock, SecureRandom random,
                          URI publicBaseUrl) {
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.states = Objects.requireNonNull(states, "states");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        String base = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl").toString();
        this.publicBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** The authorize URL for {@code userId} (the authorizer's verified user), with a fresh one-time state. */
    public URI start(UserId user) {
        return start(user, AuthorizeOptions.NONE);
    }

    public URI start(UserId user, AuthorizeOptions options) {
        String userId = user.value();
        Objects.requireNonNull(userId, "userId");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        states.put(state, UserId.of(userId), clock.instant().plus(STATE_TTL));
        return oauth.authorizeUrl(state, options);
    }

    /**
     * Completes a connect. The state is consumed first, so a replayed callback fails even when the exchange
     * fails. The user is the one the state was issued to, never a value of the request.
     *
     * @throws ConnectFlowException for a bad, unknown or expired state, a refused code, a grant without refresh
     *                              token, or a Salesforce user already connected to another account
     */
    public Connected callback(String code, String state) {
        if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH || state == null
                || !STATE.matcher(state).matches()) {
            throw new ConnectFlowException(ConnectFlowException.Reason.INVALID_REQUEST);
        }
        String userId = states.consume(state)
                .orElseThrow(() -> new ConnectFlowException(ConnectFlowException.Reason.UNKNOWN_STATE));
        OAuthTokens tokens;
        try {
            tokens = oauth.exchangeCode(code, oauth.config().redirectUri());
        } catch (ConnectionBrokenException e) {
            throw new ConnectFlowException(ConnectFlowException.Reason.CODE_REJECTED);
        }
        if (tokens.refreshToken() == null) {
            throw new ConnectFlowException(ConnectFlowException.Reason.NO_REFRESH_TOKEN);
        }
        Optional<String> owner = connections.userForOwner(OrgId.of(tokens.orgId()), SalesforceId.of(tokens.sfUserId()));
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw new ConnectFlowException(ConnectFlowException.Reason.SALESFORCE_USER_TAKEN);
        }
        saveConnection(userId, tokens);
        URI webhookUrl = webhookUrl(ensureWebhook(tokens.orgId()));
        LOG.info("Salesforce connected: a user to org {}", tokens.orgId());
        return new Connected(userId, tokens.orgId(), tokens.sfUserId(), webhookUrl);
    }

    /** The org's Outbound Message endpoint URL, for the Settings page; empty before the org's first connect. */
    public Optional<URI> webhookUrl(OrgId org) {
        String orgId = org.value();
        return webhooks.forOrg(OrgId.of(orgId)).map(this::webhookUrl);
    }

    /** Through the settings service: a connection to another Salesforce identity detaches the previous links. */
    private void saveConnection(String userId, OAuthTokens tokens) {
        String encrypted = cipher.encrypt(tokens.refreshToken(), TokenContext.refreshToken(userId));
        settings.connect(new SalesforceConnection(userId, tokens.orgId(), tokens.sfUserId(),
                tokens.instanceUrl().toString(), encrypted, ConnectionState.CONNECTED, clock.instant(), null, 0));
    }

    private Webhook ensureWebhook(String orgId) {
        Optional<Webhook> existing = webhooks.forOrg(OrgId.of(orgId));
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = WebhookTokens.generate(random);
        return webhooks.createIfAbsent(new Webhook(orgId, WebhookTokens.hash(token),
                cipher.encrypt(token, TokenContext.webhookToken(orgId))));
    }

    private URI webhookUrl(Webhook webhook) {
        String token = cipher.decrypt(webhook.encryptedToken(), TokenContext.webhookToken(webhook.orgId()));
        return URI.create(publicBaseUrl + WebhookTokens.PATH_PREFIX + token);
    }
}
