package com.salesconnect.tasksync.wiring;

/**
 * A configured secret could not be read now (Secrets Manager unreachable, throttled, access denied); the next use
 * tries again. The message names the environment variable, never the secret.
 */
public final class SecretUnavailableException extends IllegalStateException {

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
