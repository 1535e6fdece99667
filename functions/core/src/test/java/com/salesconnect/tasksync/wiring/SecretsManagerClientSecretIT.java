package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connected app's secret from Secrets Manager (moto here, and LocalStack in the localstack execution). */
@AwsEngineTest
class SecretsManagerClientSecretIT {

    private static final String VARIABLE = "SALESFORCE_CLIENT_SECRET_ARN";
    private static final String VALUE = "consumer-secret-0123456789ABCDEF";

    private final AwsResources aws;
    private final AtomicInteger calls = new AtomicInteger();
    private final SecretsManagerClient client;

    SecretsManagerClientSecretIT(AwsResources aws) {
        this.aws = aws;
        this.client = aws.configure(SecretsManagerClient.builder()).overrideConfiguration(c -> c
                .addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.incrementAndGet();
                    }
                })).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private String createSecret(String value) {
        return aws.secretsManager().createSecret(r -> {
            r.name("sf-client-" + UUID.randomUUID());
            if (value != null) {
                r.secretString(value);
            }
        }).arn();
    }

    @Test
    void theSecretIsReadOnFirstUse_once_andNeverShown() {
        String arn = createSecret(VALUE);
        SecretsManagerClientSecret secret = new SecretsManagerClientSecret(() -> client, arn, VARIABLE);

        assertThat(calls).as("building it reads nothing").hasValue(0);
        assertThat(secret.value()).isEqualTo(VALUE);
        assertThat(secret.value()).isEqualTo(VALUE);
        assertThat(calls).as("once per execution environment").hasValue(1);
        assertThat(secret.toString()).doesNotContain(VALUE).contains(VARIABLE);
    }

    @Test
    void aSecretWithoutAValue_failsNamingTheVariable_andIsReadAgainOnceItHasOne() {
        String arn = createSecret(null);
        SecretsManagerClientSecret secret = new SecretsManagerClientSecret(() -> client, arn, VARIABLE);

        assertThatThrownBy(secret::value).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(VARIABLE);
        aws.secretsManager().putSecretValue(r -> r.secretId(arn).secretString(VALUE));
        assertThat(secret.value()).isEqualTo(VALUE);
    }

    @Test
    void aMissingSecret_failsNamingTheVariable() {
        SecretsManagerClientSecret secret = new SecretsManagerClientSecret(() -> client,
                "arn:aws:secretsmanager:" + aws.region().id() + ":123456789012:secret:absent-AbCdEf", VARIABLE);

        assertThatThrownBy(secret::value).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(VARIABLE);
    }

    @Test
    void aBlankSecret_failsNamingTheVariable() {
        String arn = createSecret("   ");
        SecretsManagerClientSecret secret = new SecretsManagerClientSecret(() -> client, arn, VARIABLE);

        assertThatThrownBy(secret::value).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(VARIABLE);
    }
}
