package com.salesconnect.tasksync.salesforce;

import java.net.URI;
import java.util.Objects;

/**
 * A bearer token and the instance it is valid for. Held in memory only; {@link #toString()} hides the token.
 */
public record AccessToken(String value, URI instanceUrl) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        instanceUrl = InstanceUrls.requireSafe(Objects.requireNonNull(instanceUrl, "instanceUrl").toString());
    }

    @Override
    public String toString() {
        return "AccessToken[instanceUrl=" + instanceUrl + "]";
    }
}
