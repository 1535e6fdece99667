package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.sync.ChangeEventPace;
import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.events.SyncEventPublisher;
import com.salesconnect.tasksync.salesforce.SalesforceApiFactory;
import com.salesconnect.tasksync.salesforce.SalesforceOAuth;
import com.salesconnect.tasksync.store.OAuthStateStore;
import com.salesconnect.tasksync.sync.ApiBudget;
import com.salesconnect.tasksync.sync.SyncStores;

import java.net.URI;
import java.util.Optional;

/**
 * What the sync services are built on: the stores, the secrets cipher, the event bus, Salesforce, and the few
 * deployment settings of the HTTP functions. AWS in Lambda ({@link SyncComponents#fromEnvironment}); fakes or a
 * local engine in tests. An implementation builds each part on first use, so a handler that never asks for the
 * event bus needs no EVENT_BUS_NAME.
 */
public interface SyncAdapters {

    SyncStores stores();

    OAuthStateStore oauthStates();

    TokenCipher tokenCipher();

    SyncEventPublisher events();

    /** Opens the REST API of a connected user (sessions renewed with the stored refresh token). */
    SalesforceApiFactory salesforceApis();

    /**
     * Opens the REST API of a connected user on the access token the session-renewing functions shared, never
     * renewing one: for the internet-facing salesforce-inbound function, which may not write connections.
     */
    SalesforceApiFactory sharedSessionApis();

    /** The connected app's OAuth flow with {@code redirectUri} as the callback (cheap: no I/O). */
    SalesforceOAuth salesforceOAuth(URI redirectUri);

    /** The public base URL of the API when configured (a custom domain); else each request's own domain. */
    Optional<URI> publicBaseUrl();

    /** The sync's share of each org's daily Salesforce API limit that it keeps under (0.10: 10 %). */
    default double apiBudgetCeiling() {
        return ApiBudget.DEFAULT_CEILING;
    }

    /** How an org's sweep slows while its Salesforce change events flow. */
    default ChangeEventPace changeEventPace() {
        return ChangeEventPace.DEFAULT;
    }

    /** Where the browser goes back to after connecting Salesforce (the Settings page). */
    URI settingsPageUrl();
}
