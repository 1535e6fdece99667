package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WebhookStore.Webhook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class DynamoDbWebhookStoreIT {

    private final DynamoDbWebhookStore store;
    private final String org = Fixtures.uniqueOrg();

    DynamoDbWebhookStoreIT(AwsResources aws) {
        this.store = new DynamoDbWebhookStore(aws.dynamoDb(), aws.tableName("SyncTable"));
    }

    private Webhook webhook(String hash) {
        return new Webhook(org, hash, "enc-" + hash);
    }

    @Test
    void createIfAbsent_storesTheWebhook_andItsTokenHashLeadsToTheOrg() {
        Webhook created = store.createIfAbsent(webhook(Fixtures.unique("h")));

        assertThat(store.forOrg(OrgId.of(org))).contains(created);
        assertThat(store.orgForTokenHash(created.tokenHash())).contains(org);
        assertThat(store.orgForTokenHash("unknown-hash")).isEmpty();
    }

    @Test
    void racingConnects_bothGetTheFirstWebhook_andTheLosersTokenNeverAuthenticates() {
        Webhook first = store.createIfAbsent(webhook(Fixtures.unique("h1")));
        Webhook second = webhook(Fixtures.unique("h2"));

        Webhook returned = store.createIfAbsent(second);

        assertThat(returned).isEqualTo(first);
        assertThat(store.forOrg(OrgId.of(org))).contains(first);
        assertThat(store.orgForTokenHash(second.tokenHash())).isEmpty();
    }

    @Test
    void crashAfterTheOrgItem_retryWritesTheLookup() {
        Webhook webhook = webhook(Fixtures.unique("h"));
        assertThat(store.writeOrgItem(webhook)).isTrue();
        assertThat(store.orgForTokenHash(webhook.tokenHash())).isEmpty();

        assertThat(store.createIfAbsent(webhook)).isEqualTo(webhook);

        assertThat(store.orgForTokenHash(webhook.tokenHash())).contains(org);
    }

    @Test
    void aTokenHashAlreadyOwnedByAnotherOrg_isRefused() {
        String hash = Fixtures.unique("h");
        store.createIfAbsent(webhook(hash));
        String otherOrg = Fixtures.uniqueOrg();

        assertThatThrownBy(() -> store.createIfAbsent(new Webhook(otherOrg, hash, "enc")))
                .isInstanceOf(StoreException.class);
        assertThat(store.orgForTokenHash(hash)).contains(org);
    }
}
