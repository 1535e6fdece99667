package com.salesconnect.tasksync.awsengine;

import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyState;

import java.util.List;

/**
 * Deletes every table, queue, rule, custom event bus, customer key and secret an engine holds: the reset of an
 * engine without a reset API (LocalStack community).
 */
final class ResourceWipe {

    private static final String DEFAULT_BUS = "default";

    private ResourceWipe() {
    }

    static void wipe(AwsClients clients) {
        clients.dynamoDb().listTablesPaginator().tableNames()
                .forEach(table -> clients.dynamoDb().deleteTable(r -> r.tableName(table)));
        clients.sqs().listQueuesPaginator().queueUrls()
                .forEach(url -> clients.sqs().deleteQueue(r -> r.queueUrl(url)));
        for (EventBus bus : clients.eventBridge().listEventBuses(r -> { }).eventBuses()) {
            deleteRules(clients, bus.name());
            if (!DEFAULT_BUS.equals(bus.name())) {
                clients.eventBridge().deleteEventBus(r -> r.name(bus.name()));
            }
        }
        for (KeyListEntry key : clients.kms().listKeysPaginator().keys()) {
            var metadata = clients.kms().describeKey(r -> r.keyId(key.keyId())).keyMetadata();
            if (metadata.keyManager() == KeyManagerType.CUSTOMER && metadata.keyState() != KeyState.PENDING_DELETION) {
                clients.kms().scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
            }
        }
        clients.secretsManager().listSecretsPaginator().stream()
                .flatMap(page -> page.secretList().stream())
                .forEach(secret -> clients.secretsManager()
                        .deleteSecret(r -> r.secretId(secret.arn()).forceDeleteWithoutRecovery(true)));
    }

    private static void deleteRules(AwsClients clients, String bus) {
        for (Rule rule : clients.eventBridge().listRules(r -> r.eventBusName(bus)).rules()) {
            List<String> targetIds = clients.eventBridge()
                    .listTargetsByRule(r -> r.rule(rule.name()).eventBusName(bus)).targets().stream()
                    .map(Target::id).toList();
            if (!targetIds.isEmpty()) {
                clients.eventBridge().removeTargets(r -> r.rule(rule.name()).eventBusName(bus).ids(targetIds));
            }
            clients.eventBridge().deleteRule(r -> r.name(rule.name()).eventBusName(bus));
        }
    }
}
