package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateResourcesTest {

    private static final String SAMPLE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub '${AWS::StackName}-orders'
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: id
                      AttributeType: S
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
              Named:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: plain-name
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
                  ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 3}
              Handler:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      TABLE: !Ref Orders
                      STREAM: !GetAtt Orders.StreamArn
                      ZONE: !Select [0, !GetAZs '']
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt Dlq.Arn
                    maxReceiveCount: 3
              Dlq:
                Type: AWS::SQS::Queue
            Outputs:
              Name:
                Value: !Ref Orders
            """;

    @Test
    void shortFormIntrinsics_doNotBreakParsing_andNameFallsBackToLogicalId() {
        TemplateResources template = TemplateResources.parse(SAMPLE);

        assertThat(template.logicalIds(TemplateResources.TABLE)).containsExactly("Orders", "Named");
        assertThat(template.logicalIds(TemplateResources.QUEUE)).containsExactly("Queue", "Dlq");
        CreateTableRequest orders = template.tableRequest("Orders", new ResourceNaming("t-", "-x"));
        assertThat(orders.tableName()).isEqualTo("t-Orders-x");
        assertThat(orders.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void literalTableName_isPrefixedAndSuffixed_andProvisionedThroughputIsKept() {
        CreateTableRequest named = TemplateResources.parse(SAMPLE)
                .tableRequest("Named", new ResourceNaming("p-", "-s"));

        assertThat(named.tableName()).isEqualTo("p-plain-name-s");
        assertThat(named.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(named.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
        assertThat(named.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
    }

    @Test
    void projectTemplate_declaresTasksTableWithStreamTtlAndItsTwoIndexes() {
        TemplateResources template = TemplateResources.load();

        CreateTableRequest tasks = template.tableRequest("TasksTable", ResourceNaming.NONE);
        assertThat(tasks.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("userId", "taskId");
        assertThat(tasks.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        GlobalSecondaryIndex open = tasks.globalSecondaryIndexes().get(0);
        assertThat(open.indexName()).isEqualTo("OpenTasksByDueDay");
        assertThat(open.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("openDueDay", "taskId");
        assertThat(open.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        GlobalSecondaryIndex live = tasks.globalSecondaryIndexes().get(1);
        assertThat(live.indexName()).isEqualTo("LiveTasks");
        assertThat(live.keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactly("liveUserId", "taskId");
        assertThat(live.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(template.ttlAttribute("TasksTable")).contains("expiresAt");
    }

    @Test
    void projectTemplate_declaresSyncTableWithSparseEnabledUsersIndex() {
        TemplateResources template = TemplateResources.load();

        CreateTableRequest sync = template.tableRequest("SyncTable", ResourceNaming.NONE);
        assertThat(sync.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        assertThat(sync.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("EnabledUsers");
            assertThat(index.keySchema()).extracting(KeySchemaElement::attributeName)
                    .containsExactly("enabledShard", "userId");
        });
        assertThat(sync.streamSpecification()).isNull();
        assertThat(template.ttlAttribute("SyncTable")).contains("expiresAt");
    }

    @Test
    void locateTemplate_walksUpFromANestedDirectory() throws Exception {
        Path root = Files.createTempDirectory("tpl");
        Path nested = Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("template.yaml"), "Resources: {}\n");

        assertThat(TemplateResources.locateTemplate(nested)).isEqualTo(root.resolve("template.yaml"));
    }

    @Test
    void unknownLogicalId_isAClearError() {
        TemplateResources template = TemplateResources.parse(SAMPLE);

        assertThatThrownBy(() -> template.tableRequest("Queue", ResourceNaming.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS::DynamoDB::Table Queue");
    }
}
