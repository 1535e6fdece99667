package com.salesconnect.tasksync.wiring;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The function's configuration: environment variables declared in template.yaml, read through a lookup so the
 * local runtime and tests can pass their own. A missing required variable fails at once, naming it; values are
 * never logged (the Salesforce client secret is one of them).
 */
final class Environment {

    private final Function<String, String> lookup;

    Environment(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** @throws MissingConfigurationException when the variable is unset or blank */
    String required(String name) {
        return optional(name).orElseThrow(() -> new MissingConfigurationException(name));
    }

    /** Empty when unset or blank (template parameters with an empty default arrive as ""). */
    Optional<String> optional(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** An absolute http(s) URL without query or fragment, e.g. a base URL; the message names the variable. */
    URI requiredUrl(String name) {
        return url(name, required(name));
    }

    Optional<URI> optionalUrl(String name) {
        return optional(name).map(value -> url(name, value));
    }

    private static URI url(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(name, "is not a URL");
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidConfigurationException(name, "must be an absolute http(s) URL without query");
        }
        return uri;
    }
}
