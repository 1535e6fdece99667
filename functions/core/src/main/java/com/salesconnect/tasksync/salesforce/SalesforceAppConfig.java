package com.salesconnect.tasksync.salesforce;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The connected app and API version this deployment talks to. {@code loginUrl} is
 * {@code https://login.salesforce.com} (or {@code test.salesforce.com}, a My Domain, or the emulator in tests).
 * The client secret is obtained only when an OAuth call needs it, and is never part of {@link #toString()}.
 *
 * @param apiVersion REST API version such as {@code 62.0} (a leading {@code v} is accepted)
 */
public record SalesforceAppConfig(URI loginUrl, String clientId, ClientSecret clientSecret, URI redirectUri,
                                  String apiVersion) {

    public static final String DEFAULT_API_VERSION = "62.0";
    private static final Pattern VERSION = Pattern.compile("v?([1-9][0-9]*\\.[0-9])");

    public SalesforceAppConfig {
        Objects.requireNonNull(loginUrl, "loginUrl");
        requireText(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        requireText(apiVersion, "apiVersion");
        var m = VERSION.matcher(apiVersion);
        if (!m.matches()) {
            throw new IllegalArgumentException("apiVersion must look like 62.0");
        }
        apiVersion = m.group(1);
        loginUrl = InstanceUrls.requireSafe(loginUrl.toString());
    }

    /** A config with a secret already at hand (tests, the emulator). */
    public SalesforceAppConfig(URI loginUrl, String clientId, String clientSecret, URI redirectUri,
                               String apiVersion) {
        this(loginUrl, clientId, ClientSecret.of(clientSecret), redirectUri, apiVersion);
    }

    /** {@code /services/data/v62.0}. */
    public String dataPath() {
        return "/services/data/v" + apiVersion;
    }

    @Override
    public String toString() {
        return "SalesforceAppConfig[loginUrl=" + loginUrl + ", clientId=" + clientId + ", redirectUri=" + redirectUri
                + ", apiVersion=" + apiVersion + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
