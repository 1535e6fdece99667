package com.salesconnect.tasksync.salesforce;

import java.util.Objects;

/**
 * The connected app's consumer secret, obtained when an OAuth call first needs it (in AWS: read once from Secrets
 * Manager, so functions that never call OAuth never read it). {@code toString} never shows it.
 */
@FunctionalInterface
public interface ClientSecret {

    /**
     * The secret.
     *
     * @throws RuntimeException naming the setting when it cannot be obtained
     */
    String value();

    /** A secret already at hand (tests, the local emulator). */
    static ClientSecret of(String value) {
        return new Known(value);
    }

    /** A secret held in memory; its record string hides it. */
    record Known(String value) implements ClientSecret {

        public Known {
            Objects.requireNonNull(value, "value");
            if (value.isBlank()) {
                throw new IllegalArgumentException("clientSecret is required");
            }
        }

        @Override
        public String toString() {
            return "ClientSecret[hidden]";
        }
    }
}
