package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.salesforce.ClientSecret;
import com.salesconnect.tasksync.salesforce.SalesforceAppConfig;

import java.net.URI;
import java.util.function.Function;

/**
 * The connected app from SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET_ARN and (optional)
 * SALESFORCE_API_VERSION, checked once at start. The client secret itself is not in the environment: the variable
 * names a Secrets Manager secret, read when an OAuth call first needs it. The redirect URI is not part of it: it
 * depends on the public base URL, which may come from each request.
 */
record SalesforceApp(URI loginUrl, String clientId, ClientSecret clientSecret, String apiVersion) {

    static final String CLIENT_SECRET_VARIABLE = "SALESFORCE_CLIENT_SECRET_ARN";

    /** @param secrets reads the secret named by its argument (the variable's value) when first asked */
    static SalesforceApp from(Environment env, Function<String, ClientSecret> secrets) {
        SalesforceApp app = new SalesforceApp(env.requiredUrl("SALESFORCE_LOGIN_URL"),
                env.required("SALESFORCE_CLIENT_ID"), secrets.apply(env.required(CLIENT_SECRET_VARIABLE)),
                apiVersion(env));
        app.config(AwsAdapters.NO_REDIRECT);
        return app;
    }

    /** SALESFORCE_API_VERSION, or the default. */
    static String apiVersion(Environment env) {
        return env.optional("SALESFORCE_API_VERSION").orElse(SalesforceAppConfig.DEFAULT_API_VERSION);
    }

    /** @throws InvalidConfigurationException when the login URL or the version is unusable */
    SalesforceAppConfig config(URI redirectUri) {
        try {
            return new SalesforceAppConfig(loginUrl, clientId, clientSecret, redirectUri, apiVersion);
        } catch (IllegalArgumentException e) {
            // SalesforceAppConfig's messages say what is wrong and never repeat a value.
            throw new InvalidConfigurationException("SALESFORCE_LOGIN_URL or SALESFORCE_API_VERSION",
                    "is not usable: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SalesforceApp[loginUrl=" + loginUrl + ", clientId=" + clientId + ", apiVersion=" + apiVersion + "]";
    }
}
