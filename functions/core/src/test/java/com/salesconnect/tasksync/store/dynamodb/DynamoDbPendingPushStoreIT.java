package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The pending pushes and their marker set ({@link PushMarkers}) on the real engine. */
@AwsEngineTest
class DynamoDbPendingPushStoreIT {

    private final MutableClock clock = new MutableClock(T0);
    private final SentRequests requests = new SentRequests();
    private final DynamoDbClient client;
    private final DynamoDbPendingPushStore store;
    private final Table raw;
    private final String user = Fixtures.unique("user");

    DynamoDbPendingPushStoreIT(AwsResources aws) {
        this.client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests)).build();
        this.store = new DynamoDbPendingPushStore(client, aws.tableName("SyncTable"), clock);
        this.raw = new Table(aws.dynamoDb(), aws.tableName("SyncTable"));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private PendingPush push(String taskId) {
        return new PendingPush(user, taskId, 1, clock.instant(), clock.instant().plusSeconds(60), "x");
    }

    private List<String> elements() {
        return raw.get(PushMarkers.key(user).toKey(), "test").map(item -> item.get("p"))
                .filter(p -> p != null && p.hasSs()).map(AttributeValue::ss).orElse(List.of());
    }

    private static String element(PendingPush p) {
        return p.taskId() + "|" + p.writeId();
    }

    @Test
    void aUserWithoutPendingPushes_isAnsweredByOneGetItem_neverAQuery() {
        PendingPush p = store.put(push("t1"));
        store.remove(p);
        store.forUser(UserId.of(user));
        requests.takeAll();

        assertThat(store.forUser(UserId.of(user))).isEmpty();
        assertThat(requests.takeAll()).containsExactly("GetItem");
    }

    @Test
    void everyStoredPush_hasExactlyItsElement_throughPutsReplacementsFailedPutsAndRemovals() {
        PendingPush first = store.put(push("t1"));
        PendingPush replaced = store.put(push("t1").withWriteId(null));
        PendingPush other = store.putIfAbsent(push("t2")).orElseThrow();
        assertThat(store.putIfAbsent(push("t2"))).isEmpty();

        assertThat(elements()).containsExactlyInAnyOrder(element(replaced), element(other));
        requests.takeAll();
        assertThat(store.forUser(UserId.of(user))).containsExactly(replaced, other);
        assertThat(requests.takeAll()).as("a user's first read looks for pushes of before").contains("Query");
        assertThat(store.forUser(UserId.of(user))).containsExactly(replaced, other);
        assertThat(requests.takeAll()).containsExactly("GetItem", "BatchGetItem");

        assertThat(store.remove(first)).isFalse();
        assertThat(store.remove(replaced)).isTrue();
        assertThat(elements()).containsExactly(element(other));
        assertThat(store.forUser(UserId.of(user))).containsExactly(other);
    }

    @Test
    void aBatchsIntents_takeOneMarkerWriteBeforeTheirPuts_andOneAfterTheirRemovals() {
        PendingPush earlier = store.put(push("t1"));
        requests.takeAll();

        Map<String, PendingPush> stored = store.putAllIfAbsent(List.of(push("t1"), push("t2"), push("t3")));

        assertThat(stored).containsOnlyKeys("t2", "t3");
        assertThat(requests.takeAll()).containsExactly("UpdateItem", "PutItem attribute_not_exists(pk)", "PutItem attribute_not_exists(pk)",
                "PutItem attribute_not_exists(pk)", "UpdateItem");
        assertThat(elements()).containsExactlyInAnyOrder(element(earlier), element(stored.get("t2")),
                element(stored.get("t3")));

        store.removeAll(List.copyOf(stored.values()));
        assertThat(requests.takeAll()).containsExactly("DeleteItem", "DeleteItem", "UpdateItem");
        assertThat(elements()).containsExactly(element(earlier));
    }

    @Test
    void aReadBetweenAPushsMarkerAndItsWrite_leavesTheMarker_soThePushIsFoundOnceWritten() {
        PendingPush inFlight = push("t1").withWriteId(PushMarkers.writeId(clock.instant(), new byte[8]));
        // The put's first step (its marker) has run, its write has not yet.
        new PushMarkers(raw, new HeldItems(clock)).add(user, List.of(new PushMarkers.Marker("t1", inFlight.writeId())), clock.instant());

        assertThat(store.forUser(UserId.of(user))).isEmpty();

        raw.put(DynamoDbPendingPushStore.toItem(inFlight), Condition.NONE, "test");
        assertThat(store.forUser(UserId.of(user))).containsExactly(inFlight);
    }

    @Test
    void aMarkerLeftByACrash_isIgnored_andRemovedByAReadOnceItsGraceHasPassed() {
        String writeId = PushMarkers.writeId(clock.instant(), new byte[8]);
        new PushMarkers(raw, new HeldItems(clock)).add(user, List.of(new PushMarkers.Marker("t1", writeId)), clock.instant());

        assertThat(store.forUser(UserId.of(user))).isEmpty();
        assertThat(elements()).hasSize(1);

        clock.advance(PendingMarkers.GRACE);
        assertThat(store.forUser(UserId.of(user))).isEmpty();
        assertThat(elements()).isEmpty();
    }

    @Test
    void pushesOfBefore_withoutMarkers_areFoundByTheQueryOfBefore_markedOnce_andThenReadByKey() {
        PendingPush old = store.put(push("t1"));
        raw.delete(PushMarkers.key(user).toKey(), Condition.NONE, "test");
        requests.takeAll();

        assertThat(store.forUser(UserId.of(user))).containsExactly(old);
        assertThat(requests.takeAll()).contains("Query");
        assertThat(elements()).containsExactly(element(old));

        assertThat(store.forUser(UserId.of(user))).containsExactly(old);
        assertThat(requests.takeAll()).containsExactly("GetItem", "BatchGetItem");
    }

    @Test
    void aTaskIdTooLongForAnElement_notesTheOverflow_andItsPushIsFoundByTheQuery() {
        store.forUser(UserId.of(user));
        PendingPush longId = store.put(push("t".repeat(PushMarkers.MOST_ELEMENT_BYTES)));
        PendingPush other = store.put(push("t2"));
        requests.takeAll();

        assertThat(elements()).containsExactly(element(other));
        assertThat(store.forUser(UserId.of(user))).containsExactly(other, longId);
        assertThat(requests.takeAll()).contains("Query");
        clock.advance(PendingMarkers.GRACE);
        assertThat(store.forUser(UserId.of(user))).as("never marked, so the note stands").containsExactly(other, longId);
        assertThat(requests.takeAll()).contains("Query");

        store.remove(longId);
        assertThat(store.forUser(UserId.of(user))).containsExactly(other);
        requests.takeAll();
        assertThat(store.forUser(UserId.of(user))).containsExactly(other);
        assertThat(requests.takeAll()).containsExactly("GetItem", "BatchGetItem");
    }

    @Test
    void aFullSet_notesTheOverflow_readsQueryWhileItStands_andAReadClearsItOnceEveryPushIsMarkedAfterTheGrace() {
        List<String> filler = new ArrayList<>();
        for (int i = 0; i < PushMarkers.MOST_ELEMENTS; i++) {
            filler.add("gone-" + i + "|0123456789abcdef01234567");
        }
        raw.update(PushMarkers.key(user).toKey(), "ADD p :e SET checked = :t", Map.of(),
                Map.of(":e", AttributeValue.fromSs(filler), ":t", Values.bool(true)), "test");

        PendingPush unmarked = store.put(push("t1"));
        assertThat(elements()).hasSize(PushMarkers.MOST_ELEMENTS).doesNotContain(element(unmarked));
        requests.takeAll();

        // The filler's pushes are long gone (write ids without a time): removed; the push gets its marker.
        assertThat(store.forUser(UserId.of(user))).containsExactly(unmarked);
        assertThat(requests.takeAll()).contains("Query");
        assertThat(elements()).containsExactly(element(unmarked));
        assertThat(store.forUser(UserId.of(user))).containsExactly(unmarked);
        assertThat(requests.takeAll()).as("the overflow note stands through its grace").contains("Query");

        clock.advance(PendingMarkers.GRACE);
        assertThat(store.forUser(UserId.of(user))).containsExactly(unmarked);
        requests.takeAll();
        assertThat(store.forUser(UserId.of(user))).containsExactly(unmarked);
        assertThat(requests.takeAll()).containsExactly("GetItem", "BatchGetItem");
    }
}
