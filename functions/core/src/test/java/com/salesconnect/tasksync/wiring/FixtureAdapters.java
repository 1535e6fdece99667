package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceAppConfig;
import com.salesconnect.tasksync.salesforce.SalesforceHttp;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.sync.SyncStores;
import com.salesconnect.tasksync.testing.FakeOAuthStateStore;
import com.salesconnect.tasksync.testing.SyncFixture;

import java.net.URI;
import java.util.Optional;

/**
 * {@link SyncAdapters} over the in-memory fakes of a {@link SyncFixture}, for handler unit tests: the handlers run
 * with their real services, only the stores, Salesforce and the event bus are fakes. The OAuth client points at a
 * login host that is never called (building an authorize URL needs no network).
 */
public final class FixtureAdapters implements SyncAdapters {

    public static final URI SETTINGS_PAGE = URI.create("https://app.salesconnect.test/settings");
    static final URI LOGIN_URL = URI.create("https://login.salesforce.test");

    private final SyncFixture fixture;
    private final FakeOAuthStateStore oauthStates;
    private final Optional<URI> publicBaseUrl;
    private final SalesforceHttp http;
    private final SyncStores stores;

    public FixtureAdapters(SyncFixture fixture, Optional<URI> publicBaseUrl) {
        this(fixture, publicBaseUrl, fixture.stores);
    }

    private FixtureAdapters(SyncFixture fixture, Optional<URI> publicBaseUrl, SyncStores stores) {
        this.fixture = fixture;
        this.stores = stores;
        this.oauthStates = new FakeOAuthStateStore(fixture.clock);
        this.publicBaseUrl = publicBaseUrl;
        this.http = SalesforceHttp.standard(fixture.clock);
    }

    /** Components over {@code fixture}, with the API's base URL taken from each request. */
    public static SyncComponents components(SyncFixture fixture) {
        return new SyncComponents(new FixtureAdapters(fixture, Optional.empty()), fixture.clock);
    }

    /** Components over {@code fixture} whose stores are {@code stores} (the fixture's, some of them wrapped). */
    public static SyncComponents components(SyncFixture fixture, SyncStores stores) {
        return new SyncComponents(new FixtureAdapters(fixture, Optional.empty(), stores), fixture.clock);
    }

    @Override
    public SyncStores stores() {
        return stores;
    }

    @Override
    public OAuthStateStore oauthStates() {
        return oauthStates;
    }

    @Override
    public TokenCipher tokenCipher() {
        return fixture.cipher;
    }

    @Override
    public SyncEventPublisher events() {
        return fixture.events;
    }

    @Override
    public SalesforceApiFactory salesforceApis() {
        return fixture.orgs;
    }

    /** The same fake org: the fake's sessions need neither renewal nor sharing. */
    @Override
    public SalesforceApiFactory sharedSessionApis() {
        return fixture.salesforce;
    }

    @Override
    public SalesforceOAuth salesforceOAuth(URI redirectUri) {
        return new SalesforceOAuth(new SalesforceAppConfig(LOGIN_URL, "test-client", "test-secret", redirectUri,
                SalesforceAppConfig.DEFAULT_API_VERSION), http);
    }

    @Override
    public Optional<URI> publicBaseUrl() {
        return publicBaseUrl;
    }

    @Override
    public URI settingsPageUrl() {
        return SETTINGS_PAGE;
    }
}
