package com.salesconnect.tasksync.local.template;

import com.salesconnect.tasksync.awsengine.TemplateResources;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamTemplateTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(TemplateResources.locateTemplate(Path.of("")));

    @Test
    void theChangeEventRule_targetsTheInboundFunction_onlyWhenTheRelayBusIsSet() {
        assertThat(TEMPLATE.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.logicalId()).isEqualTo("SalesforceChangeEventRule");
            assertThat(rule.functions()).containsExactly("SalesforceInboundFunction");
            assertThat(rule.condition()).isEqualTo("HasEventRelayBus");
            assertThat(rule.pattern().path("detail").path("payload").path("ChangeEventHeader")
                    .path("entityName").get(0).asText()).isEqualTo("Task");
            for (String bus : List.of("", "salesforce-event-relay")) {
                Intrinsics intrinsics = new Intrinsics(java.util.Map.of("SalesforceEventRelayBusName", bus,
                        "AlarmTopicArn", ""), java.util.Map.of(), id -> Optional.empty(), (id, a) -> Optional.empty());
                assertThat(intrinsics.holds(TEMPLATE.conditions().get(rule.condition()), TEMPLATE.conditions()))
                        .as("bus '%s'", bus).isEqualTo(!bus.isEmpty());
                if (!bus.isEmpty()) {
                    assertThat(intrinsics.resolve(rule.bus())).isEqualTo(bus);
                }
            }
        });
    }

    /**
     * The change events' failures: a standalone EventInvokeConfig (it needs the relay's Condition) gives the inbound
     * function two retries and the failure queue, which the local runtime uses when the Condition holds.
     */
    @Test
    void theChangeEventInvokeConfig_ofTheInboundFunction_isRead_withItsCondition() {
        assertThat(TEMPLATE.invokeConfigs()).singleElement().satisfies(config -> {
            assertThat(config.function()).isEqualTo("SalesforceInboundFunction");
            assertThat(config.condition()).isEqualTo("HasEventRelayBus");
            assertThat(config.settings().maxRetryAttempts()).isEqualTo(2);
            assertThat(config.settings().onFailure().toString()).contains("ChangeEventFailureQueue");
        });
    }

    @Test
    void readsTheFourFunctionsWithTheirHandlerClassesAndTimeouts() {
        assertThat(TEMPLATE.functions()).extracting(FunctionSpec::logicalId).containsExactly(
                "EnableSyncFunction", "SalesforceInboundFunction", "TaskStreamOutboundFunction",
                "ReconciliationSweepFunction");
        FunctionSpec outbound = TEMPLATE.function("TaskStreamOutboundFunction");
        assertThat(outbound.handlerClass())
                .isEqualTo("com.salesconnect.tasksync.function.outbound.TaskStreamOutboundHandler");
        assertThat(outbound.handlerMethod()).isEqualTo("handleRequest");
        assertThat(outbound.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(TEMPLATE.function("EnableSyncFunction").timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(TEMPLATE.function("EnableSyncFunction").memoryMb()).isEqualTo(1024);
    }

    @Test
    void environment_mergesGlobalsWithTheFunctionsOwnVariables() {
        FunctionSpec enable = TEMPLATE.function("EnableSyncFunction");
        assertThat(enable.environment()).containsKeys("TASKS_TABLE", "SYNC_TABLE", "TOKEN_KEY_ID",
                "SALESFORCE_LOGIN_URL", "EVENT_BUS_NAME", "PUBLIC_BASE_URL", "SETTINGS_PAGE_URL");
        assertThat(enable.environment().get("TASKS_TABLE").path("Ref").asText()).isEqualTo("TasksTable");
        assertThat(TEMPLATE.function("TaskStreamOutboundFunction").environment()).doesNotContainKey("EVENT_BUS_NAME");
    }

    @Test
    void httpRoutes_takeTheDefaultJwtAuthorizerUnlessTheRouteSaysNone() {
        List<FunctionEvent.HttpApiRoute> routes = TEMPLATE.function("EnableSyncFunction")
                .events(FunctionEvent.HttpApiRoute.class);
        assertThat(routes).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /settings/task-sync", "PUT /settings/task-sync", "GET /settings/task-sync/health",
                "GET /settings/salesforce/connect", "GET /settings/salesforce/callback");
        assertThat(routes.get(0).authorizer()).contains("JwtAuthorizer");
        assertThat(routes.get(2).authorizer()).as("the sync health is the signed-in user's").contains("JwtAuthorizer");
        assertThat(routes.get(4).authorizer()).isEmpty();
        FunctionEvent.HttpApiRoute webhook = TEMPLATE.function("SalesforceInboundFunction")
                .events(FunctionEvent.HttpApiRoute.class).get(0);
        assertThat(webhook.path()).isEqualTo("/salesforce/outbound-messages/{webhookToken}");
        assertThat(webhook.authorizer()).isEmpty();
    }

    @Test
    void streamSource_carriesEveryEventSourceMappingSetting() {
        FunctionEvent.StreamSource stream = TEMPLATE.function("TaskStreamOutboundFunction")
                .events(FunctionEvent.StreamSource.class).get(0);
        StreamSettings s = stream.settings();
        assertThat(stream.stream().path("Fn::GetAtt").get(0).asText()).isEqualTo("TasksTable");
        assertThat(s.startingPosition()).isEqualTo("TRIM_HORIZON");
        // A full batch's deletions are one call (SalesforceApi.DELETES_PER_CALL: five collection requests in one
        // composite request), as are its reads of the Salesforce versions.
        assertThat(s.batchSize()).isEqualTo(SalesforceApi.DELETES_PER_CALL);
        assertThat(s.maxBatchingWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.bisectOnError()).isTrue();
        assertThat(s.maxRetryAttempts()).isEqualTo(10);
        assertThat(s.maxRecordAge()).isEqualTo(Duration.ofDays(1));
        assertThat(s.reportBatchItemFailures()).isTrue();
        assertThat(s.onFailure().path("Fn::GetAtt").get(0).asText()).isEqualTo("StreamFailureQueue");
        assertThat(s.filterPatterns()).hasSize(3).allSatisfy(p -> assertThat(p).startsWith("{"));
    }

    @Test
    void sweep_hasTheScheduleTwoBusRulesAndItsAsyncInvokeConfig() {
        FunctionSpec sweep = TEMPLATE.function("ReconciliationSweepFunction");
        FunctionEvent.Schedule schedule = sweep.events(FunctionEvent.Schedule.class).get(0);
        assertThat(schedule.scheduler()).as("a Schedule event: an EventBridge scheduled rule").isFalse();
        assertThat(schedule.expression().path("Ref").asText()).isEqualTo("SweepSchedule");
        assertThat(TEMPLATE.parameters().get("SweepSchedule").defaultValue()).isEqualTo("rate(5 minutes)");
        assertThat(sweep.events(FunctionEvent.BusRule.class)).extracting(FunctionEvent.BusRule::name)
                .containsExactly("SyncEnabled", "UserSweepRequested");
        FunctionEvent.BusRule rule = sweep.events(FunctionEvent.BusRule.class).get(0);
        assertThat(rule.bus().path("Ref").asText()).isEqualTo("SyncEventBus");
        assertThat(rule.pattern().path("detail-type").get(0).asText()).isEqualTo("SyncEnabled");
        assertThat(sweep.asyncInvoke().maxRetryAttempts()).isEqualTo(2);
        assertThat(sweep.asyncInvoke().onFailure().path("Fn::GetAtt").get(0).asText())
                .isEqualTo("SweepFailureQueue");
    }

    @Test
    void lambdaDefaults_applyWhereTheTemplateIsSilent() {
        SamTemplate t = SamTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        S:
                          Type: DynamoDB
                          Properties:
                            Stream: arn:aws:dynamodb:us-east-1:1:table/T/stream/x
                            StartingPosition: LATEST
                        Api:
                          Type: HttpApi
                          Properties:
                            Path: /x
                            Method: get
                """);
        FunctionSpec fn = t.function("Fn");
        assertThat(fn.handlerMethod()).isEqualTo("handleRequest");
        assertThat(fn.timeout()).isEqualTo(Duration.ofSeconds(3));
        StreamSettings s = fn.events(FunctionEvent.StreamSource.class).get(0).settings();
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.maxBatchingWindow()).isZero();
        assertThat(s.maxRetryAttempts()).isEqualTo(-1);
        assertThat(s.maxRecordAge()).isNull();
        assertThat(s.bisectOnError()).isFalse();
        assertThat(s.reportBatchItemFailures()).isFalse();
        FunctionEvent.HttpApiRoute route = fn.events(FunctionEvent.HttpApiRoute.class).get(0);
        assertThat(route.method()).isEqualTo("GET");
        assertThat(route.authorizer()).isEqualTo(Optional.empty());
        assertThat(fn.asyncInvoke()).isEqualTo(AsyncInvokeSettings.DEFAULTS);
    }

    @Test
    void anEventTypeThatIsNotEmulated_isRefusedByName() {
        assertThatThrownBy(() -> SamTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        Q:
                          Type: SQS
                          Properties: {Queue: x}
                """)).isInstanceOf(TemplateException.class).hasMessageContaining("SQS");
    }
}
