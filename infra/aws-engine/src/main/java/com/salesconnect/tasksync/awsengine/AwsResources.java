package com.salesconnect.tasksync.awsengine;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * What a test class gets from {@link AwsEngineTest}: the engine's endpoint, region and static credentials,
 * SDK clients built once per run, and the resources created from template.yaml for this class.
 *
 * @param engine a description for messages, e.g. {@code moto_server 5.2.1 at http://127.0.0.1:41234}
 */
public record AwsResources(String engine, AwsClients clients, CreatedResources created) {

    public URI endpoint() {
        return clients.endpoint();
    }

    public Region region() {
        return clients.region();
    }

    public AwsCredentialsProvider credentials() {
        return clients.credentials();
    }

    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return clients.dynamoDbStreams();
    }

    public EventBridgeClient eventBridge() {
        return clients.eventBridge();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    public KmsClient kms() {
        return clients.kms();
    }

    public SecretsManagerClient secretsManager() {
        return clients.secretsManager();
    }

    /** The physical name of a table declared in template.yaml, e.g. {@code tableName("TasksTable")}. */
    public String tableName(String logicalId) {
        return created.tableName(logicalId);
    }

    /** Points another SDK client builder at the engine (e.g. one with a recording interceptor). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        return clients.configure(builder);
    }
}
