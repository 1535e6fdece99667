package com.salesconnect.tasksync.awsengine;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

/**
 * The SDK clients of one engine, built once: url-connection HTTP client, explicit region and static
 * credentials, endpoint overridden to the engine.
 */
public record AwsClients(
        URI endpoint,
        Region region,
        AwsCredentialsProvider credentials,
        DynamoDbClient dynamoDb,
        DynamoDbStreamsClient dynamoDbStreams,
        EventBridgeClient eventBridge,
        SqsClient sqs,
        KmsClient kms,
        SecretsManagerClient secretsManager) implements AutoCloseable {

    public static AwsClients connect(AwsEngine engine) {
        return connect(engine.endpoint(), engine.region(), engine.credentials());
    }

    public static AwsClients connect(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new AwsClients(endpoint, region, credentials,
                configure(DynamoDbClient.builder(), endpoint, region, credentials).build(),
                configure(DynamoDbStreamsClient.builder(), endpoint, region, credentials).build(),
                configure(EventBridgeClient.builder(), endpoint, region, credentials).build(),
                configure(SqsClient.builder(), endpoint, region, credentials).build(),
                configure(KmsClient.builder(), endpoint, region, credentials).build(),
                configure(SecretsManagerClient.builder(), endpoint, region, credentials).build());
    }

    /** Points any SDK client builder at this engine, e.g. to add an interceptor in a test. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return configure(builder, endpoint, region, credentials);
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        builder.endpointOverride(endpoint).region(region).credentialsProvider(credentials);
        builder.httpClient(httpClient());
        return builder;
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public void close() {
        dynamoDb.close();
        dynamoDbStreams.close();
        eventBridge.close();
        sqs.close();
        kms.close();
        secretsManager.close();
    }
}
