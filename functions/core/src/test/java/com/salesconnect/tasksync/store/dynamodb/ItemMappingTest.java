package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.settings.DetachedConnection;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemMappingTest {

    @Test
    void task_roundTripsEveryField() {
        ScTask task = new ScTask("u1", "t1", Fixtures.fullFields(), T0, T0.plusMillis(5), 7, Origin.SALESFORCE,
                null, null);

        assertThat(TaskItems.fromItem(TaskItems.toItem(task))).isEqualTo(task);
    }

    @Test
    void task_withOnlyRequiredFields_roundTripsWithoutNullAttributes() {
        ScTask task = Fixtures.newTask("u1", "t1", TaskFields.todo("Minimal"));

        Map<String, AttributeValue> item = TaskItems.toItem(task);

        assertThat(item).doesNotContainKeys("notes", "dueDate", "reminderAt", "whoId", "whatId", "deletedAt",
                "expiresAt", "openDueDay");
        assertThat(TaskItems.fromItem(item)).isEqualTo(task);
    }

    @Test
    void tombstone_storesTtlAsEpochSeconds_andDeletedAtAsFixedWidthIsoString() {
        Instant expires = Instant.parse("2025-03-25T09:15:30Z");
        ScTask tombstone = Fixtures.newTask("u1", "t1", Fixtures.fullFields())
                .tombstone(Origin.SALES_CONNECT, T0, expires);

        Map<String, AttributeValue> item = TaskItems.toItem(tombstone);

        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expires.getEpochSecond()));
        assertThat(item.get("deletedAt").s()).isEqualTo("2025-03-10T09:15:30.123456789Z");
        assertThat(TaskItems.fromItem(item)).isEqualTo(tombstone);
    }

    @Test
    void ttl_roundsUpToWholeSeconds_soAnItemNeverExpiresEarly() {
        assertThat(Values.ttlSeconds(Instant.parse("2025-01-01T00:00:00.001Z")))
                .isEqualTo(Instant.parse("2025-01-01T00:00:01Z").getEpochSecond());
        assertThat(Values.ttlSeconds(Instant.parse("2025-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z").getEpochSecond());
    }

    @Test
    void instants_areFixedWidth_soStringOrderIsTimeOrder() {
        String whole = Values.instantText(Instant.parse("2025-01-01T00:00:00Z"));
        String half = Values.instantText(Instant.parse("2025-01-01T00:00:00.5Z"));

        assertThat(whole).isEqualTo("2025-01-01T00:00:00.000000000Z");
        assertThat(whole.compareTo(half)).isNegative();
    }

    @Test
    void openDueDay_isUserAndDueDate_setOnlyForLiveOpenTasksWithADueDate() {
        LocalDate due = LocalDate.parse("2025-03-11");
        ScTask open = Fixtures.newTask("u", "t", Fixtures.due("open", due));
        ScTask completed = Fixtures.newTask("u", "t", Fixtures.due("done", due).with(TaskFields.Field.COMPLETED, true));
        ScTask undated = Fixtures.newTask("u", "t", TaskFields.todo("someday"));
        ScTask deleted = open.tombstone(Origin.SALES_CONNECT, T0, T0.plus(Duration.ofDays(15)));

        assertThat(TaskItems.toItem(open).get("openDueDay").s()).isEqualTo("u#2025-03-11");
        assertThat(TaskItems.toItem(completed)).doesNotContainKey("openDueDay");
        assertThat(TaskItems.toItem(undated)).doesNotContainKey("openDueDay");
        assertThat(TaskItems.toItem(deleted)).doesNotContainKey("openDueDay");
    }

    @Test
    void liveUserId_isTheUser_onEveryLiveTask_andAbsentFromATombstone() {
        ScTask open = Fixtures.newTask("u", "t", TaskFields.todo("someday"));
        ScTask completed = Fixtures.newTask("u", "t", TaskFields.todo("done").with(TaskFields.Field.COMPLETED, true));
        ScTask deleted = open.tombstone(Origin.SALES_CONNECT, T0, T0.plus(Duration.ofDays(15)));

        assertThat(TaskItems.toItem(open).get("liveUserId").s()).isEqualTo("u");
        assertThat(TaskItems.toItem(completed).get("liveUserId").s()).isEqualTo("u");
        assertThat(TaskItems.toItem(deleted)).doesNotContainKey("liveUserId");
    }

    @Test
    void settings_roundTripPeriodsFirstSyncAndWatermark() {
        SyncSettings settings = new SyncSettings("u1", true,
                List.of(new EnabledPeriod(T0.minus(Duration.ofDays(20)), T0.minus(Duration.ofDays(10))),
                        new EnabledPeriod(T0, null)),
                ZoneId.of("Europe/Berlin"),
                new FirstSync(FirstSyncState.RUNNING, 42, T0, null, null,
                        new ImportCursor(T0.minusSeconds(3), "00T000000000001AAA"), true, false, "task-7",
                        T0.plusSeconds(900)),
                T0.minusSeconds(60), 3, new SalesforceIdentity("00D2", "005B"),
                new DetachedConnection(new SalesforceIdentity("00D1", "005A"), T0.minusSeconds(5)),
                new SweepState(T0.minusSeconds(30), T0.minusSeconds(20), "", T0.minusSeconds(10)));

        Map<String, AttributeValue> item = SettingsItems.toItem(settings);

        assertThat(item.get("pk").s()).isEqualTo("CONFIG#USER#u1");
        assertThat(item.get("sk").s()).isEqualTo("SETTINGS");
        assertThat(SettingsItems.fromItem(item)).isEqualTo(settings);
    }

    @Test
    void settings_carryTheEnabledShardOnlyWhileEnabled() {
        SyncSettings off = SyncSettings.initial("u1", ZoneId.of("UTC"));
        SyncSettings on = new SyncSettings("u1", true, List.of(new EnabledPeriod(T0, null)), ZoneId.of("UTC"),
                FirstSync.queued(false), null, 1);

        assertThat(SettingsItems.toItem(off)).doesNotContainKey("enabledShard");
        assertThat(SettingsItems.toItem(on).get("enabledShard").s()).matches("SHARD#([0-9]|1[0-5])");
        assertThat(SettingsItems.fromItem(SettingsItems.toItem(off))).isEqualTo(off);
    }

    @Test
    void shard_isCrc32OfTheUserIdMod16_stableAcrossRuns() {
        // CRC-32("user-1") = 0x7E264614; mod 16 = 4 (any language computing CRC-32 agrees).
        assertThat(SettingsItems.shardNumber("user-1")).isEqualTo(4);
        assertThat(SettingsItems.shard("user-1")).isEqualTo("SHARD#4");
    }

    @Test
    void connection_roundTrips_andTheRoutingItemNamesTheUser() {
        SalesforceConnection connection = new SalesforceConnection("u1", "00D1", "005A", "https://x.my.salesforce.com",
                "c2VjcmV0", com.salesconnect.tasksync.settings.ConnectionState.BROKEN, T0, "refresh refused", 4);

        assertThat(ConnectionItems.fromItem(ConnectionItems.toItem(connection))).isEqualTo(connection);
        Map<String, AttributeValue> routing = ConnectionItems.routingItem(connection);
        assertThat(routing.get("pk").s()).isEqualTo("CONFIG#ORG#00D1");
        assertThat(routing.get("sk").s()).isEqualTo("OWNER#005A");
        assertThat(routing.get("userId").s()).isEqualTo("u1");
    }

    /**
     * template.yaml's IAM conditions ({@code dynamodb:LeadingKeys}) rely on these prefixes: salesforce-inbound may
     * write USER# and ORG# partitions only, so every item that decides who receives data or how Salesforce is
     * reached must live under CONFIG#, and every item it writes outside it.
     */
    @Test
    void keys_itemsDecidingRoutingAndAccessLiveUnderConfig_theSyncsWorkingItemsUnderUserAndOrg() {
        assertThat(List.of(SyncKey.settings("u1"), SyncKey.connection("u1"), SyncKey.accessToken("u1")))
                .extracting(SyncKey::pk).containsOnly("CONFIG#USER#u1");
        assertThat(SyncKey.owner("00D1", "005A").pk()).isEqualTo("CONFIG#ORG#00D1");
        assertThat(SyncKey.webhook("00D1").pk()).isEqualTo("CONFIG#WEBHOOK#ORG#00D1");
        assertThat(SyncKey.webhookLookup("ab12").pk()).isEqualTo("CONFIG#WEBHOOK#TOKEN#ab12");
        assertThat(SyncKey.oauthState("s1").pk()).isEqualTo("CONFIG#OAUTH#s1");
        assertThat(List.of(SyncKey.probe("00D1"), SyncKey.accessCheck("00D1", "u1"))).extracting(SyncKey::pk)
                .containsOnly("CONFIG#ORG#00D1");
        assertThat(SyncKey.prober("00D1").pk()).isEqualTo("CONFIG#PROBERS");
        assertThat(List.of(SyncKey.link("u1", "t1"), SyncKey.push("u1", "t1"), PushMarkers.key("u1"),
                PendingMarkers.shardKey("u1", 0), SyncKey.conflict("u1", T0, "t1", null)))
                .extracting(SyncKey::pk).containsOnly("USER#u1");
        assertThat(PushMarkers.key("u1").sk()).as("outside the pushes' begins_with(sk, PUSH#)")
                .isEqualTo("PUSH-SET").doesNotStartWith(SyncKey.PUSH_PREFIX);
        assertThat(SyncKey.limit("00D1").pk()).isEqualTo("ORG#00D1");
    }

    /**
     * Issue 9, "hot partition": a burst of imports or notifications of one org writes one pointer or notification
     * item each; each gets a partition of its own (still under ORG#, which IAM's LeadingKeys match), so the burst is
     * not held to one partition's write throughput.
     */
    @Test
    void pointersAndNotifications_ofOneOrg_spreadOverPartitions() {
        assertThat(SyncKey.sfPointer("00D1", "00T1").pk()).isEqualTo("ORG#00D1#SF#00T1");
        assertThat(SyncKey.sfPointer("00D1", "00T1").pk()).isNotEqualTo(SyncKey.sfPointer("00D1", "00T2").pk());
        assertThat(SyncKey.notification("00D1", "n1").pk()).isEqualTo("ORG#00D1#NOTIF#n1");
        assertThat(List.of(SyncKey.sfPointer("00D1", "00T1"), SyncKey.notification("00D1", "n1")))
                .extracting(SyncKey::pk).allMatch(pk -> pk.startsWith("ORG#00D1#"));
    }

    @Test
    void link_roundTripsWithItsBaseAsAMap() {
        TaskLink link = Fixtures.linked("u1", "t1", "00D1", "00T1");

        Map<String, AttributeValue> item = LinkItems.toItem(link);

        assertThat(item.get("base").hasM()).isTrue();
        assertThat(item.get("base").m().get("subject").s()).isEqualTo("Call Ada about the renewal");
        assertThat(LinkItems.fromItem(item)).isEqualTo(link);
    }

    @Test
    void pendingAndTombstoneLinks_roundTrip_andThePointerCarriesTheTombstoneTtl() {
        TaskLink pending = TaskLink.pendingCreate("u1", "t1", new SalesforceIdentity("00D1", "005A"), T0,
                Fixtures.fullFields())
                .withVersion(1);
        Instant expires = Instant.parse("2025-03-25T00:00:00Z");
        TaskLink tombstone = new TaskLink("u1", "t2", "00D1", null, "00T2", LinkState.DELETED, Fixtures.fullFields(), T0,
                null, T0, Origin.SALESFORCE, expires, 5);

        assertThat(LinkItems.fromItem(LinkItems.toItem(pending))).isEqualTo(pending);
        assertThat(LinkItems.fromItem(LinkItems.toItem(tombstone))).isEqualTo(tombstone);
        assertThat(LinkItems.pointerItem(tombstone).get("expiresAt").n())
                .isEqualTo(Long.toString(expires.getEpochSecond()));
        assertThat(LinkItems.pointerItem(tombstone).get("sk").s()).isEqualTo("SF#00T2");
    }

    @Test
    void conflictKey_sortsByTimeThenTaskThenField() {
        SyncKey key = SyncKey.conflict("u1", Instant.parse("2025-01-01T00:00:00Z"), "t1", TaskFields.Field.SUBJECT);
        SyncKey deleteVersusEdit = SyncKey.conflict("u1", Instant.parse("2025-01-01T00:00:00Z"), "t1", null);

        assertThat(key.sk()).isEqualTo("CONFLICT#2025-01-01T00:00:00.000000000Z#t1#SUBJECT");
        assertThat(deleteVersusEdit.sk()).endsWith("#t1#TASK");
    }

    @Test
    void malformedItem_isAStoreException_notAnAbsentOrDefaultValue() {
        Map<String, AttributeValue> item = new HashMap<>(TaskItems.toItem(Fixtures.newTask("u", "t",
                TaskFields.todo("x"))));
        item.put("version", AttributeValue.fromS("seven"));

        assertThatThrownBy(() -> TaskItems.fromItem(item))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version");

        item.remove("version");
        item.put("priority", AttributeValue.fromS("URGENT"));
        assertThatThrownBy(() -> TaskItems.fromItem(item)).isInstanceOf(StoreException.class);
    }

    @Test
    void cursors_roundTrip_andRejectForeignText() {
        assertThat(Cursors.decode(Cursors.encode("task#42"))).isEqualTo("task#42");
        assertThatThrownBy(() -> Cursors.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynamoDbSettingsStore.ShardCursor.decode(Cursors.encode("99:u")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DynamoDbSettingsStore.ShardCursor.decode(new DynamoDbSettingsStore.ShardCursor(3, "u-9").encode()))
                .isEqualTo(new DynamoDbSettingsStore.ShardCursor(3, "u-9"));
    }
}
