package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class TemplateResourcesIT {

    @Test
    void extension_createsTheTemplateTables_withIndexesStreamAndTtl(AwsResources aws) {
        String tasks = aws.tableName("TasksTable");
        assertThat(tasks).isEqualTo("TemplateResourcesIT-TasksTable");

        TableDescription table = aws.dynamoDb().describeTable(r -> r.tableName(tasks)).table();
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactly("OpenTasksByDueDay", "LiveTasks");
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.latestStreamArn()).isEqualTo(aws.created().get("TasksTable").attributes().get("StreamArn"));
        assertThat(aws.dynamoDb().describeTimeToLive(r -> r.tableName(tasks)).timeToLiveDescription())
                .satisfies(ttl -> {
                    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
                    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                });
        assertThat(aws.dynamoDb().describeTable(r -> r.tableName(aws.tableName("SyncTable"))).table()
                .globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactly("EnabledUsers");
    }

    @Test
    void queuesBusesAndKeys_areCreated_withTheDlqResolved_andDeletedAgain(AwsResources aws) {
        TemplateResources template = TemplateResources.parse("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 45
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt WorkDlq.Arn
                        maxReceiveCount: 4
                  WorkDlq:
                    Type: AWS::SQS::Queue
                  Bus:
                    Type: AWS::Events::EventBus
                    Properties:
                      Name: tasksync-bus
                  TokenKey:
                    Type: AWS::KMS::Key
                    Properties:
                      Description: refresh tokens
                """);

        CreatedResources created = template.create(aws.clients(), new ResourceNaming("it-", ""));

        var work = aws.sqs().getQueueAttributes(r -> r.queueUrl(created.get("Work").ref())
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(work.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("45");
        assertThat(work.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(created.get("WorkDlq").arn()).contains("4");
        assertThat(created.get("Bus").ref()).isEqualTo("it-tasksync-bus");
        assertThat(aws.eventBridge().describeEventBus(r -> r.name("it-tasksync-bus")).arn())
                .isEqualTo(created.get("Bus").arn());
        assertThat(aws.kms().describeKey(r -> r.keyId(created.get("TokenKey").ref())).keyMetadata().description())
                .isEqualTo("refresh tokens");

        TemplateResources.delete(aws.clients(), created);

        assertThat(aws.sqs().listQueues(r -> r.queueNamePrefix("it-")).queueUrls()).isEmpty();
        assertThat(aws.eventBridge().listEventBuses(r -> r.namePrefix("it-")).eventBuses()).isEmpty();
    }

    @Test
    void theTemplatesSecret_isCreatedEmpty_forItsOwnerToPutTheValue_andItsRefIsTheArn(AwsResources aws) {
        CreatedResource secret = aws.created().get("SalesforceClientSecret");

        var described = aws.secretsManager().describeSecret(r -> r.secretId(secret.ref()));
        assertThat(described.name()).isEqualTo("TemplateResourcesIT-SalesforceClientSecret");
        assertThat(secret.ref()).isEqualTo(described.arn()).isEqualTo(secret.arn());
        assertThatThrownBy(() -> aws.secretsManager().getSecretValue(r -> r.secretId(secret.ref())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSecretWithALiteralValue_isCreatedWithIt_andDeletedAgain(AwsResources aws) {
        TemplateResources template = TemplateResources.parse("""
                Resources:
                  Greeting:
                    Type: AWS::SecretsManager::Secret
                    Properties:
                      Description: a test secret
                      SecretString: hello
                """);

        CreatedResources created = template.create(aws.clients(), new ResourceNaming("it-", ""));

        assertThat(aws.secretsManager().getSecretValue(r -> r.secretId(created.get("Greeting").ref()))
                .secretString()).isEqualTo("hello");
        TemplateResources.delete(aws.clients(), created);
        assertThatThrownBy(() -> aws.secretsManager().getSecretValue(r -> r.secretId(created.get("Greeting").ref())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Nested
    class WithinANestedClass {

        @Test
        void theEnclosingClassesTablesAreShared_notRecreated(AwsResources aws) {
            assertThat(aws.tableName("TasksTable")).isEqualTo("TemplateResourcesIT-TasksTable");
            assertThat(aws.dynamoDb().listTables().tableNames())
                    .filteredOn(name -> name.endsWith("TasksTable")).containsExactly("TemplateResourcesIT-TasksTable");
        }
    }

    @Test
    void theEngineIsNamedWithItsVersion(AwsResources aws) {
        assertThat(aws.engine()).matches("(moto_server \\d+\\.\\d+\\.\\d+|LocalStack 4\\.12) at http://.+");
    }
}
