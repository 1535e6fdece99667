package com.salesconnect.tasksync.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The least-privilege rules of template.yaml (SPEC §5), request by request, as IAM evaluates them, and the checker
 * that acceptance/SpecItemsIT holds every recorded AWS call against.
 */
class IamPolicyTest {

    private static final String INBOUND = "SalesforceInboundFunction";
    private static final String STREAM = "TaskStreamOutboundFunction";
    private static final String SWEEP = "ReconciliationSweepFunction";
    private static final String ENABLE = "EnableSyncFunction";

    private static IamPolicy.Request item(String action, String table, String partitionKey) {
        return new IamPolicy.Request(action, table, Map.of("dynamodb:LeadingKeys", List.of(partitionKey)));
    }

    private static IamPolicy.Request kms(String action, Map<String, String> encryptionContext) {
        Map<String, List<String>> context = new java.util.HashMap<>();
        encryptionContext.forEach((k, v) -> context.put("kms:EncryptionContext:" + k, List.of(v)));
        context.put("kms:EncryptionContextKeys", List.copyOf(encryptionContext.keySet()));
        return new IamPolicy.Request(action, "TokenKey", encryptionContext.isEmpty() ? Map.of() : context);
    }

    private static boolean allowed(String function, IamPolicy.Request request) {
        return Template.policy(function).allows(request);
    }

    @Test
    void inbound_writesTheSyncsWorkingItems_butNoSettingConnectionRoutingWebhookOrSharedToken() {
        assertThat(allowed(INBOUND, item("dynamodb:PutItem", "SyncTable", "USER#demo"))).isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:PutItem", "SyncTable", "ORG#00D000000000001AAA"))).isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:DeleteItem", "SyncTable", "ORG#00D000000000001AAA"))).isTrue();

        for (String configuration : List.of("CONFIG#USER#demo", "CONFIG#ORG#00D000000000001AAA",
                "CONFIG#WEBHOOK#ORG#00D000000000001AAA", "CONFIG#WEBHOOK#TOKEN#ab12", "CONFIG#OAUTH#state")) {
            for (String write : List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem",
                    "dynamodb:BatchWriteItem")) {
                assertThat(allowed(INBOUND, item(write, "SyncTable", configuration)))
                        .as("%s of %s", write, configuration).isFalse();
            }
        }
        assertThat(allowed(INBOUND, item("dynamodb:GetItem", "SyncTable", "CONFIG#USER#demo")))
                .as("it reads settings, the connection and the shared access token").isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:DeleteItem", "SyncTable", "USER#demo")))
                .as("a push-back's pending push, a pending-create marker").isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:UpdateItem", "SyncTable", "USER#demo")))
                .as("a pending-create marker set").isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:BatchWriteItem", "SyncTable", "USER#demo")))
                .as("the links of a message's new tasks").isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:BatchWriteItem", "TasksTable", "demo")))
                .as("a message's new tasks").isTrue();
    }

    @Test
    void inbound_changeEvents_readTheOrgsRouting_andMarkTheOrg_only() {
        assertThat(allowed(INBOUND, item("dynamodb:Query", "SyncTable", "CONFIG#ORG#00D000000000001AAA")))
                .as("who syncs in the org of a change event").isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:UpdateItem", "SyncTable", "ORG#00D000000000001AAA")))
                .as("the org's change event mark").isTrue();
        assertThat(allowed(INBOUND, item("dynamodb:Query", "SyncTable", "CONFIG#USER#demo"))).isFalse();
        assertThat(allowed(INBOUND, item("dynamodb:Query", "SyncTable", "CONFIG#PROBERS"))).isFalse();
        assertThat(allowed(INBOUND, item("dynamodb:UpdateItem", "SyncTable", "CONFIG#ORG#00D000000000001AAA")))
                .isFalse();
    }

    @Test
    void inbound_theDenyKeepsConfigurationUnwritable_evenUnderABroaderAllow() {
        List<IamPolicy.Statement> statements = new ArrayList<>(Template.policy(INBOUND).statements());
        statements.add(new IamPolicy.Statement(true, Set.of("dynamodb:PutItem"), Set.of("*"), List.of()));
        IamPolicy broadened = new IamPolicy(statements);

        assertThat(broadened.allows(item("dynamodb:PutItem", "SyncTable", "CONFIG#USER#demo"))).isFalse();
        assertThat(broadened.allows(item("dynamodb:PutItem", "SyncTable", "USER#demo"))).isTrue();
    }

    @Test
    void inbound_decryptsOnlySharedAccessTokens_andReadsNoClientSecret() {
        assertThat(allowed(INBOUND, kms("kms:Decrypt", Map.of("purpose", "access-token", "userId", "demo"))))
                .isTrue();
        assertThat(allowed(INBOUND, kms("kms:Decrypt", Map.of("purpose", "refresh-token", "userId", "demo"))))
                .isFalse();
        assertThat(allowed(INBOUND, kms("kms:Decrypt", Map.of("purpose", "webhook-token", "orgId", "00D1"))))
                .isFalse();
        assertThat(allowed(INBOUND, kms("kms:Decrypt", Map.of("purpose", "access-token", "userId", "demo",
                "extra", "x")))).as("no other context key").isFalse();
        assertThat(allowed(INBOUND, kms("kms:Decrypt", Map.of()))).as("no context at all").isFalse();
        assertThat(allowed(INBOUND, kms("kms:Encrypt", Map.of("purpose", "access-token", "userId", "demo"))))
                .isFalse();
        assertThat(allowed(INBOUND, new IamPolicy.Request("secretsmanager:GetSecretValue",
                "SalesforceClientSecret", Map.of()))).isFalse();
    }

    @Test
    void theSessionRenewingFunctions_decryptRefreshTokensAndSharedAccessTokens_encryptRotatedOnesAndNewAccessTokens_only() {
        for (String function : List.of(STREAM, SWEEP)) {
            assertThat(allowed(function, kms("kms:Decrypt", Map.of("purpose", "refresh-token", "userId", "u"))))
                    .isTrue();
            assertThat(allowed(function, kms("kms:Encrypt", Map.of("purpose", "refresh-token", "userId", "u"))))
                    .isTrue();
            assertThat(allowed(function, kms("kms:Encrypt", Map.of("purpose", "access-token", "userId", "u"))))
                    .isTrue();
            assertThat(allowed(function, kms("kms:Decrypt", Map.of("purpose", "access-token", "userId", "u"))))
                    .isTrue();
            assertThat(allowed(function, kms("kms:Decrypt", Map.of("purpose", "access-token"))))
                    .as("an access token is decrypted only with its owner in the context").isFalse();
            assertThat(allowed(function, kms("kms:Decrypt", Map.of("purpose", "webhook-token", "orgId", "o"))))
                    .isFalse();
            assertThat(allowed(function, new IamPolicy.Request("secretsmanager:GetSecretValue",
                    "SalesforceClientSecret", Map.of()))).isTrue();
            assertThat(allowed(function, item("dynamodb:PutItem", "SyncTable", "CONFIG#WEBHOOK#TOKEN#ab12")))
                    .isFalse();
            assertThat(allowed(function, item("dynamodb:PutItem", "SyncTable", "CONFIG#OAUTH#state"))).isFalse();
        }
        assertThat(allowed(STREAM, item("dynamodb:DeleteItem", "SyncTable", "USER#demo")))
                .as("a pending push is removed once pushed").isTrue();
        assertThat(allowed(STREAM, item("dynamodb:DeleteItem", "SyncTable", "ORG#00D000000000001AAA#SF#x")))
                .as("the sfId pointer another user's tombstone held, given up to the task's owner").isTrue();
        assertThat(allowed(STREAM, item("dynamodb:DeleteItem", "SyncTable", "CONFIG#USER#demo"))).isFalse();
        assertThat(allowed(STREAM, new IamPolicy.Request("sqs:SendMessage", "StreamFailureQueue", Map.of())))
                .as("the on-failure destination's permission is SAM's, not the code's").isFalse();
    }

    @Test
    void theSettingsApi_writesOnlyConfigurationItems_readsTheSyncHealth_andNeverDecryptsAToken() {
        assertThat(allowed(ENABLE, item("dynamodb:PutItem", "SyncTable", "CONFIG#USER#demo"))).isTrue();
        assertThat(allowed(ENABLE, item("dynamodb:GetItem", "SyncTable", "USER#demo"))).isFalse();
        assertThat(allowed(ENABLE, item("dynamodb:Query", "SyncTable", "USER#demo")))
                .as("the sync health: HEALTH#, a page of PUSH#, the latest CONFLICT#").isTrue();
        for (String write : List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem")) {
            assertThat(allowed(ENABLE, item(write, "SyncTable", "USER#demo"))).as(write).isFalse();
            assertThat(allowed(ENABLE, item(write, "TasksTable", "demo"))).as(write).isFalse();
        }
        assertThat(allowed(ENABLE, item("dynamodb:BatchGetItem", "TasksTable", "demo")))
                .as("the subjects of the tasks the sync health names").isTrue();
        assertThat(allowed(ENABLE, item("dynamodb:GetItem", "TasksTable", "demo"))).isFalse();
        assertThat(allowed(ENABLE, item("dynamodb:Query", "TasksTable", "demo"))).isFalse();
        assertThat(allowed(ENABLE, kms("kms:Encrypt", Map.of("purpose", "refresh-token", "userId", "demo"))))
                .isTrue();
        assertThat(allowed(ENABLE, kms("kms:Decrypt", Map.of("purpose", "refresh-token", "userId", "demo"))))
                .isFalse();
        assertThat(allowed(ENABLE, kms("kms:Decrypt", Map.of("purpose", "webhook-token", "orgId", "00D1"))))
                .isTrue();
        assertThat(allowed(ENABLE, kms("kms:Encrypt", Map.of("purpose", "webhook-token", "userId", "demo"))))
                .as("a webhook token is bound to its org").isFalse();
    }

    @Test
    void theSweep_queriesOnlyAUsersPartition_andTheEnabledUsersIndex() {
        assertThat(allowed(SWEEP, item("dynamodb:Query", "SyncTable", "USER#demo"))).isTrue();
        assertThat(allowed(SWEEP, item("dynamodb:Query", "SyncTable", "CONFIG#USER#demo"))).isFalse();
        for (String function : List.of(INBOUND, STREAM, SWEEP)) {
            assertThat(allowed(function, item("dynamodb:BatchGetItem", "SyncTable", "CONFIG#USER#demo")))
                    .as("%s reads a user's settings and connection together", function).isTrue();
        }
        for (String function : List.of(INBOUND, STREAM)) {
            assertThat(allowed(function, item("dynamodb:BatchGetItem", "SyncTable", "CONFIG#ORG#00D1"))).isFalse();
            assertThat(allowed(function, item("dynamodb:BatchGetItem", "SyncTable", "CONFIG#PROBERS"))).isFalse();
        }
        assertThat(allowed(SWEEP, item("dynamodb:BatchGetItem", "SyncTable", "CONFIG#ORG#00D1")))
                .as("the org's probe and the user's access check, read ahead with the org's items").isTrue();
        assertThat(allowed(SWEEP, item("dynamodb:BatchGetItem", "SyncTable", "CONFIG#PROBERS")))
                .as("the org's prober, read ahead with them").isTrue();
        assertThat(allowed(SWEEP, item("dynamodb:BatchGetItem", "SyncTable", "CONFIG#WEBHOOK#TOKEN#x")))
                .isFalse();
        assertThat(allowed(SWEEP, item("dynamodb:Query", "SyncTable/index/EnabledUsers", "SHARD#3"))).isTrue();
        assertThat(allowed(SWEEP, item("dynamodb:GetItem", "SyncTable", "CONFIG#ORG#00D1")))
                .as("the owner routing of a task that changed owner").isTrue();
        assertThat(allowed(STREAM, item("dynamodb:GetItem", "SyncTable", "CONFIG#ORG#00D1"))).isFalse();
        assertThat(allowed(SWEEP, item("dynamodb:Scan", "SyncTable", "USER#demo"))).isFalse();
    }

    @Test
    void everyFunction_mayReadTheBlankUsersSettings_theWarmUpReadOfItsColdStart() {
        // DynamoDbWarmUp: one GetItem of CONFIG#USER# (no user id is blank) while a Lambda started on demand starts.
        for (String function : List.of(ENABLE, INBOUND, STREAM, SWEEP)) {
            assertThat(allowed(function, item("dynamodb:GetItem", "SyncTable", "CONFIG#USER#")))
                    .as(function).isTrue();
        }
    }

    @Test
    void aSetConditionWithoutItsKey_holds_asInIam_soTheRecorderMustSupplyTheKey() {
        IamPolicy.Statement putUsers = new IamPolicy.Statement(true, Set.of("dynamodb:PutItem"), Set.of("T"),
                List.of(new IamPolicy.Condition("ForAllValues:StringLike", "dynamodb:LeadingKeys", List.of("USER#*"))));

        assertThat(putUsers.matches(new IamPolicy.Request("dynamodb:PutItem", "T", Map.of()))).isTrue();
        assertThat(putUsers.matches(item("dynamodb:PutItem", "T", "CONFIG#USER#u"))).isFalse();
    }

    @Test
    void anOperatorTheCheckerDoesNotKnow_isRefused_ratherThanPassed() {
        assertThatThrownBy(() -> new IamPolicy.Condition("NumericLessThan", "aws:MultiFactorAuthAge", List.of("1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NumericLessThan");
    }

    @Test
    void unusedBy_namesAGrantNothingUsed_andAPrefixNothingUsed() {
        IamPolicy policy = new IamPolicy(List.of(
                new IamPolicy.Statement(true, Set.of("dynamodb:PutItem", "dynamodb:DeleteItem"), Set.of("T"),
                        List.of(new IamPolicy.Condition("ForAllValues:StringLike", "dynamodb:LeadingKeys",
                                List.of("USER#*", "ORG#*"))))));

        assertThat(policy.unusedBy(List.of(item("dynamodb:PutItem", "T", "USER#u")))).containsExactlyInAnyOrder(
                "dynamodb:PutItem on T where dynamodb:LeadingKeys=ORG#*",
                "dynamodb:DeleteItem on T");
    }
}
