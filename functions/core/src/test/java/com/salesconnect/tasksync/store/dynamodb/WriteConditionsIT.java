package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.Conflict;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.AccessTokenStore;
import com.salesconnect.tasksync.store.WebhookStore;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The exact condition expression every store write sends: the conditions are the concurrency contract
 * (see README.md in the main package), so a change to one must fail here first.
 */
@AwsEngineTest
class WriteConditionsIT {

    private static final String NOW = Long.toString(T0.getEpochSecond());

    private final RecordingInterceptor recorder = new RecordingInterceptor();
    private final DynamoDbClient client;
    private final DynamoDbStores stores;
    private final String user = Fixtures.unique("user");
    private final String org = Fixtures.uniqueOrg();

    WriteConditionsIT(AwsResources aws) {
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        this.stores = DynamoDbStores.create(client, aws.tableName("TasksTable"), aws.tableName("SyncTable"),
                new MutableClock(T0));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private List<RecordingInterceptor.Write> writes() {
        return recorder.takeAll();
    }

    @Test
    void taskCreate_thenUpdate() {
        ScTask created = stores.tasks().save(Fixtures.newTask(user, "t1", TaskFields.todo("x")));
        stores.tasks().save(created.edited(TaskFields.todo("y"), Origin.SALES_CONNECT, T0));

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::condition).containsExactly(
                "attribute_not_exists(userId) OR expiresAt <= :now",
                "version = :expected AND (attribute_not_exists(expiresAt) OR expiresAt > :now)");
        assertThat(writes.get(0).values()).containsEntry(":now", AttributeValue.fromN(NOW));
        assertThat(writes.get(1).values()).containsEntry(":expected", AttributeValue.fromN("1"))
                .containsEntry(":now", AttributeValue.fromN(NOW));
    }

    @Test
    void linkSaveAll_marksOncePerShard_andWritesEachPointerAndLinkUnderSavesConditions() {
        List<TaskLink> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(new TaskLink(user, "t" + i, org, null, null, LinkState.PENDING_CREATE, null, null, T0, null,
                    null, null, 0));
        }
        List<TaskLink> stored = List.copyOf(stores.links().saveAll(pending).values());
        List<RecordingInterceptor.Write> first = writes();
        stores.links().saveAll(stored.stream().map(l -> l.relinked("00T" + l.taskId(), Fixtures.fullFields(), null))
                .toList());
        List<RecordingInterceptor.Write> second = writes();

        String create = "attribute_not_exists(pk) OR expiresAt <= :now";
        String update = "version = :expected AND (attribute_not_exists(expiresAt) OR expiresAt > :now)";
        String pointer = "attribute_not_exists(pk) OR (userId = :userId AND taskId = :taskId) OR expiresAt <= :now";
        // The markers first (and their removal last), in between the tasks' writes a few at a time: any order
        // across tasks, each task's pointer before its link.
        assertThat(first.subList(0, 2)).extracting(RecordingInterceptor.Write::operation,
                RecordingInterceptor.Write::key, RecordingInterceptor.Write::condition).containsExactly(
                tuple("UpdateItem ADD m :m, t :m", "PENDING-SET#1", null),
                tuple("UpdateItem ADD m :m, t :m", "PENDING-SET#3", null));
        assertThat(first.subList(2, first.size())).extracting(RecordingInterceptor.Write::operation,
                RecordingInterceptor.Write::key, RecordingInterceptor.Write::condition).containsExactlyInAnyOrder(
                tuple("PutItem", "LINK#t0", create),
                tuple("PutItem", "LINK#t1", create),
                tuple("PutItem", "LINK#t2", create));
        List<RecordingInterceptor.Write> tasksWrites = second.subList(0, 6);
        assertThat(tasksWrites).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::key,
                RecordingInterceptor.Write::condition).containsExactlyInAnyOrder(
                tuple("PutItem", "SF#00Tt0", pointer),
                tuple("PutItem", "LINK#t0", update),
                tuple("PutItem", "SF#00Tt1", pointer),
                tuple("PutItem", "LINK#t1", update),
                tuple("PutItem", "SF#00Tt2", pointer),
                tuple("PutItem", "LINK#t2", update));
        List<String> keys = tasksWrites.stream().map(RecordingInterceptor.Write::key).toList();
        for (int i = 0; i < 3; i++) {
            assertThat(keys.indexOf("SF#00Tt" + i)).isLessThan(keys.indexOf("LINK#t" + i));
        }
        assertThat(second.subList(6, second.size())).extracting(RecordingInterceptor.Write::operation,
                RecordingInterceptor.Write::key, RecordingInterceptor.Write::condition).containsExactly(
                tuple("UpdateItem DELETE m :m, t :m, s :m", "PENDING-SET#1", null),
                tuple("UpdateItem DELETE m :m, t :m, s :m", "PENDING-SET#3", null));
        assertThat(tasksWrites.get(keys.indexOf("LINK#t0")).values()).containsEntry(":expected",
                AttributeValue.fromN("1")).containsEntry(":now", AttributeValue.fromN(NOW));
    }

    @Test
    void importClaim_thenClaimedSave_writesThePointerOnce_thenTheLinkAlone() {
        TaskLink importing = new TaskLink(user, "sf-00T1", org, null, "00T1", LinkState.LINKED,
                Fixtures.fullFields(), T0, null, null, null, null, 0);
        stores.links().claim(importing);
        stores.links().saveClaimed(importing);

        assertThat(writes()).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::key,
                RecordingInterceptor.Write::condition).containsExactly(
                tuple("PutItem", "SF#00T1", "attribute_not_exists(pk) OR expiresAt <= :now OR (userId = :userId"
                        + " AND taskId = :taskId AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :nowText"
                        + " OR claimant = :claimant))"),
                tuple("PutItem", "LINK#sf-00T1", "attribute_not_exists(pk) OR expiresAt <= :now"));
    }

    @Test
    void settingsCreate_thenUpdate() {
        SyncSettings created = stores.settings().save(SyncSettings.initial(user, ZoneId.of("UTC")));
        stores.settings().save(created);

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::key,
                RecordingInterceptor.Write::condition).containsExactly(
                tuple("PutItem", "SETTINGS", "attribute_not_exists(pk)"),
                tuple("PutItem", "SETTINGS", "version = :expected"));
        assertThat(writes.get(1).values()).containsEntry(":expected", AttributeValue.fromN("1"));
    }

    @Test
    void connectionSave_writesRoutingThenConnection_andRemovesAMovedOwnersRoutingConditionally() {
        SalesforceConnection first = stores.connections().save(Fixtures.connection(user, org, "005A"));
        stores.connections().save(new SalesforceConnection(user, org, "005B", first.instanceUrl(),
                first.encryptedRefreshToken(), first.state(), first.connectedAt(), null, first.version()));

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::key,
                RecordingInterceptor.Write::condition).containsExactly(
                tuple("PutItem", "OWNER#005A", null),
                tuple("PutItem", "CONNECTION", "attribute_not_exists(pk)"),
                tuple("PutItem", "OWNER#005B", null),
                tuple("PutItem", "CONNECTION", "version = :expected"),
                tuple("DeleteItem", "OWNER#005A", "userId = :userId"));
        assertThat(writes.get(4).values()).containsEntry(":userId", AttributeValue.fromS(user));
    }

    @Test
    void webhookCreate_writesTheOrgItemThenTheLookup() {
        stores.webhooks().createIfAbsent(new WebhookStore.Webhook(org, "hash-1", "enc"));

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::key, RecordingInterceptor.Write::condition)
                .containsExactly(
                        tuple("WEBHOOK", "attribute_not_exists(pk)"),
                        tuple("ORG", "attribute_not_exists(pk) OR orgId = :orgId"));
        assertThat(writes.get(1).values()).containsEntry(":orgId", AttributeValue.fromS(org));
    }

    @Test
    void oauthStatePut_isConditional_andConsumeIsAPutThatOnlyTheFirstConsumerWins() {
        stores.oauthStates().put("state-1", UserId.of(user), T0.plus(Duration.ofMinutes(10)));
        stores.oauthStates().consume("state-1");

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::condition)
                .containsExactly(
                        tuple("PutItem", "attribute_not_exists(pk) OR expiresAt <= :now"),
                        tuple("PutItem", "attribute_exists(pk) AND attribute_not_exists(consumedBy)"));
        assertThat(writes.get(0).values()).containsEntry(":now", AttributeValue.fromN(NOW));
    }

    @Test
    void accessTokenShare_keepsTheNewestByIssueTime() {
        stores.accessTokens().share(new AccessTokenStore.SharedAccessToken(user, org, "005A",
                "https://acme.my.salesforce.com", "ZW5j", T0));

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::key,
                RecordingInterceptor.Write::condition).containsExactly(
                tuple("PutItem", "ACCESS_TOKEN", "attribute_not_exists(pk) OR issuedAt <= :issuedAt"));
        assertThat(writes.get(0).values()).containsEntry(":issuedAt",
                AttributeValue.fromS("2025-03-10T09:15:30.123456789Z"));
    }

    @Test
    void linkSave_writesThePointerFirst_thenTheVersionedLink_andAPendingCreateIsMarkedWhileItLasts() {
        TaskLink pending = stores.links().save(new TaskLink(user, "t1", org, null, null, LinkState.PENDING_CREATE, null,
                null, T0, null, null, null, 0));
        stores.links().save(new TaskLink(user, "t1", org, null, "00T1", LinkState.LINKED, Fixtures.fullFields(), T0, null,
                null, null, null, pending.version()));

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::key, RecordingInterceptor.Write::condition)
                .containsExactly(
                        tuple("PENDING-SET#3", null),
                        tuple("LINK#t1", "attribute_not_exists(pk) OR expiresAt <= :now"),
                        tuple("SF#00T1",
                                "attribute_not_exists(pk) OR (userId = :userId AND taskId = :taskId) OR expiresAt <= :now"),
                        tuple("LINK#t1",
                                "version = :expected AND (attribute_not_exists(expiresAt) OR expiresAt > :now)"),
                        tuple("PENDING-SET#3", null));
        assertThat(writes).extracting(RecordingInterceptor.Write::operation)
                .containsExactly("UpdateItem ADD m :m, t :m", "PutItem", "PutItem", "PutItem",
                        "UpdateItem DELETE m :m, t :m, s :m");
        assertThat(writes.get(2).values()).containsEntry(":userId", AttributeValue.fromS(user))
                .containsEntry(":taskId", AttributeValue.fromS("t1"))
                .containsEntry(":now", AttributeValue.fromN(NOW));
    }

    @Test
    void idempotentLogs_pendingPushPutIsUnconditionalWithinItsMarker_itsRemovalNamesTheWrite_conflictIsInsertOnly_limitOnlyExtends() {
        PendingPush push = stores.pendingPushes().put(new PendingPush(user, "t1", 1, T0, T0, null));
        stores.pendingPushes().remove(push);
        stores.notifications().record(OrgId.of(org), "n1", T0.plus(Duration.ofHours(25)));
        stores.conflicts().record(new Conflict(user, "t1", "00T1", TaskFields.Field.SUBJECT, "a", "b", "c",
                Origin.SALESFORCE, "same field", T0));
        stores.orgLimits().blockUntil(OrgId.of(org), T0.plusSeconds(60));

        List<RecordingInterceptor.Write> writes = writes();
        assertThat(writes).extracting(RecordingInterceptor.Write::operation, RecordingInterceptor.Write::condition)
                .containsExactly(
                        tuple("UpdateItem ADD p :e", "attribute_not_exists(p) OR size(p) < :most"),
                        tuple("PutItem", null),
                        tuple("DeleteItem", "writeId = :w"),
                        tuple("UpdateItem DELETE p :e", null),
                        tuple("PutItem", null),
                        tuple("PutItem", "attribute_not_exists(pk)"),
                        tuple("PutItem", "attribute_not_exists(pk) OR blockedUntil < :until"));
        assertThat(writes.get(0).values()).containsEntry(":e", AttributeValue.fromSs(List.of("t1|" + push.writeId())))
                .containsEntry(":most", AttributeValue.fromN(Integer.toString(PushMarkers.MOST_ELEMENTS)));
        assertThat(writes.get(2).values()).containsEntry(":w", AttributeValue.fromS(push.writeId()));
        assertThat(writes.get(3).values()).containsEntry(":e", AttributeValue.fromSs(List.of("t1|" + push.writeId())));
        assertThat(writes.get(6).values()).containsEntry(":until",
                AttributeValue.fromS("2025-03-10T09:16:30.123456789Z"));
    }
}
