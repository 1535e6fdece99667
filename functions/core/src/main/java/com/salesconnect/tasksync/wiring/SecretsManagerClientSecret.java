package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.salesforce.ClientSecret;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The connected app's consumer secret, kept in AWS Secrets Manager (plain text, not JSON) and named by an
 * environment variable: read on first use and then kept for the life of the execution environment, so only a
 * function that makes an OAuth call pays the call, and a SnapStart snapshot (taken before any) never holds it. A
 * secret that is missing or has no value fails with the variable's name; a failed read is not kept, so the next
 * use tries again. Neither the value nor the response is ever logged.
 */
final class SecretsManagerClientSecret implements ClientSecret {

    private final Supplier<SecretsManagerClient> client;
    private final String secretId;
    private final String variable;
    private volatile String value;

    /**
     * @param secretId the secret's ARN or name (the value of {@code variable})
     * @param variable the environment variable naming it, for messages
     */
    SecretsManagerClientSecret(Supplier<SecretsManagerClient> client, String secretId, String variable) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.variable = Objects.requireNonNull(variable, "variable");
    }

    @Override
    public String value() {
        String known = value;
        if (known == null) {
            synchronized (this) {
                known = value;
                if (known == null) {
                    known = read();
                    value = known;
                }
            }
        }
        return known;
    }

    private String read() {
        GetSecretValueResponse response;
        try {
            response = client.get().getSecretValue(r -> r.secretId(secretId));
        } catch (ResourceNotFoundException e) {
            throw new InvalidConfigurationException(variable,
                    "names a secret that does not exist or has no value yet (put the connected app's consumer secret"
                            + " into it)");
        } catch (SdkException e) {
            throw new SecretUnavailableException("the secret named by environment variable " + variable
                    + " could not be read (" + e.getClass().getSimpleName() + ")", e);
        }
        String secret = response.secretString();
        if (secret == null || secret.isBlank()) {
            throw new InvalidConfigurationException(variable,
                    "names a secret without a text value (put the connected app's consumer secret into it)");
        }
        return secret.strip();
    }

    @Override
    public String toString() {
        return "SecretsManagerClientSecret[" + variable + "]";
    }
}
