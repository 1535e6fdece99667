package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.store.WriteConflictException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * One Outbound Message webhook per org ({@code CONFIG#WEBHOOK#ORG#{o}/WEBHOOK}) and its lookup by token hash
 * ({@code CONFIG#WEBHOOK#TOKEN#{hash}/ORG}). The org item is written first and decides a race; the lookup is then
 * written for whichever webhook won, so a retry from either step converges and a losing token never authenticates.
 */
public final class DynamoDbWebhookStore implements WebhookStore {

    static final String CREATE_CONDITION = "attribute_not_exists(pk)";
    static final String LOOKUP_CONDITION = "attribute_not_exists(pk) OR orgId = :orgId";

    private final Table table;

    public DynamoDbWebhookStore(DynamoDbClient dynamoDb, String syncTableName) {
        this.table = new Table(dynamoDb, syncTableName);
    }

    @Override
    public Optional<Webhook> forOrg(OrgId org) {
        String orgId = org.value();
        return table.get(SyncKey.webhook(orgId).toKey(), "webhook").map(DynamoDbWebhookStore::fromItem);
    }

    @Override
    public Optional<String> orgForTokenHash(String tokenHash) {
        return table.get(SyncKey.webhookLookup(tokenHash).toKey(), "webhook lookup")
                .map(item -> new ItemReader(item, "webhook lookup").string("orgId"));
    }

    @Override
    public Webhook createIfAbsent(Webhook webhook) {
        Webhook stored = writeOrgItem(webhook) ? webhook : forOrg(OrgId.of(webhook.orgId())).orElseThrow(() ->
                new StoreException("webhook of org " + webhook.orgId() + " vanished after a lost create"));
        writeLookup(stored);
        return stored;
    }

    /** Step 1: true when this webhook was stored, false when the org already had one. */
    boolean writeOrgItem(Webhook webhook) {
        return table.putIfCondition(toItem(webhook), Condition.of(CREATE_CONDITION, Map.of()),
                "webhook of org " + webhook.orgId());
    }

    /** Step 2: idempotent; a hash can never be claimed by a second org. */
    void writeLookup(Webhook webhook) {
        Map<String, AttributeValue> lookup = ItemBuilder.keyed(SyncKey.webhookLookup(webhook.tokenHash()))
                .string("orgId", webhook.orgId()).build();
        try {
            table.put(lookup, Condition.of(LOOKUP_CONDITION, Map.of(":orgId", Values.s(webhook.orgId()))),
                    "webhook lookup");
        } catch (WriteConflictException e) {
            throw new StoreException("webhook token hash of org " + webhook.orgId() + " already belongs to another org");
        }
    }

    private static Map<String, AttributeValue> toItem(Webhook webhook) {
        return ItemBuilder.keyed(SyncKey.webhook(webhook.orgId()))
                .string("orgId", webhook.orgId())
                .string("tokenHash", webhook.tokenHash())
                .string("encryptedToken", webhook.encryptedToken())
                .build();
    }

    private static Webhook fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "webhook");
        return new Webhook(item.string("orgId"), item.string("tokenHash"), item.string("encryptedToken"));
    }
}
