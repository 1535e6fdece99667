package com.salesconnect.tasksync.emulator.org;

import java.util.List;
import java.util.Objects;

/**
 * The connected app clients authenticate as. With no redirect URIs configured any redirect URI is allowed,
 * which is convenient for local runs; configure them to test the {@code redirect_uri_mismatch} path.
 */
public record ConnectedApp(String clientId, String clientSecret, List<String> redirectUris) {

    public ConnectedApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        redirectUris = List.copyOf(redirectUris);
    }

    public static ConnectedApp demo() {
        return new ConnectedApp("emulator-client-id", "emulator-client-secret", List.of());
    }

    public boolean allowsRedirect(String redirectUri) {
        return redirectUris.isEmpty() || redirectUris.contains(redirectUri);
    }

    /** The secret stays out of logs and assertion messages. */
    @Override
    public String toString() {
        return "ConnectedApp[" + clientId + ", redirectUris=" + redirectUris + "]";
    }
}
