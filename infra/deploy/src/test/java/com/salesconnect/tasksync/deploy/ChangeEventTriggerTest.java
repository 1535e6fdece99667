package com.salesconnect.tasksync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How template.yaml delivers Salesforce change events (issue 10): failures are retried and then kept, never dropped,
 * and nothing of it exists unless the stack is given Event Relay's bus.
 */
class ChangeEventTriggerTest {

    private static final List<String> EVENT_RELAY_RESOURCES = List.of("SalesforceChangeEventRule",
            "SalesforceChangeEventPermission", "SalesforceChangeEventInvokeConfig", "SalesforceChangeEventFailurePolicy",
            "ChangeEventFailureQueue", "ChangeEventFailureQueuePolicy");

    private static JsonNode resource(String logicalId) {
        JsonNode r = Template.tree().path("Resources").path(logicalId);
        assertThat(r.isMissingNode()).as("resource %s", logicalId).isFalse();
        return r;
    }

    @Test
    void theRule_retriesForADay_thenSendsTheEventToTheFailureQueue() {
        JsonNode rule = resource("SalesforceChangeEventRule").path("Properties");
        assertThat(rule.path("EventPattern").path("detail").path("payload").path("ChangeEventHeader")
                .path("entityName").toString()).isEqualTo("[\"Task\"]");
        JsonNode target = rule.path("Targets").get(0);
        assertThat(target.path("Arn").toString()).contains("SalesforceInboundFunction");
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
        assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isEqualTo(86_400);
        assertThat(target.path("DeadLetterConfig").path("Arn").toString()).contains("ChangeEventFailureQueue");
    }

    @Test
    void aFailedInvocation_isRetriedTwice_thenGoesToTheFailureQueue_whichTheFunctionMaySendTo() {
        JsonNode config = resource("SalesforceChangeEventInvokeConfig").path("Properties");
        assertThat(config.path("FunctionName").toString()).contains("SalesforceInboundFunction");
        assertThat(config.path("MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(config.path("DestinationConfig").path("OnFailure").path("Destination").toString())
                .contains("ChangeEventFailureQueue");

        JsonNode statement = resource("SalesforceChangeEventFailurePolicy").path("Properties").path("PolicyDocument")
                .path("Statement").get(0);
        assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(statement.path("Resource").toString()).contains("ChangeEventFailureQueue");
        assertThat(resource("ChangeEventFailureQueue").path("Properties").path("MessageRetentionPeriod").asInt())
                .as("14 days to redrive").isEqualTo(1_209_600);
    }

    @Test
    void everyPartOfTheTrigger_existsOnlyWithEventRelaysBus() {
        for (String id : EVENT_RELAY_RESOURCES) {
            assertThat(resource(id).path("Condition").asText()).as(id).isEqualTo("HasEventRelayBus");
        }
    }
}
