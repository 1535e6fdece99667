package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.settings.DetachedConnection;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SalesforceIdentity;
import com.salesconnect.tasksync.settings.SweepState;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.StoreException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.zip.CRC32;

/** SyncSettings to and from its SyncTable item {@code USER#{u}/SETTINGS}. */
final class SettingsItems {

    static final int SHARDS = 16;
    static final String ENABLED_SHARD = "enabledShard";

    private SettingsItems() {
    }

    /**
     * The EnabledUsers partition of a user: CRC-32 of the id (stable across JVMs and languages) mod 16, so the
     * sweep's fan-out reads 16 small partitions instead of one hot one.
     */
    static String shard(String userId) {
        return shardName(shardNumber(userId));
    }

    static int shardNumber(String userId) {
        CRC32 crc = new CRC32();
        crc.update(userId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }

    static String shardName(int shard) {
        return "SHARD#" + shard;
    }

    static Map<String, AttributeValue> toItem(SyncSettings settings) {
        return ItemBuilder.keyed(SyncKey.settings(settings.userId()))
                .string("userId", settings.userId())
                .bool("enabled", settings.enabled())
                .list("periods", settings.periods().stream().map(SettingsItems::period).toList())
                .string("timeZone", settings.timeZone().getId())
                .map("firstSync", firstSync(settings.firstSync()))
                .instant("watermark", settings.watermark())
                .number("version", settings.version())
                .map("identity", identity(settings.identity()))
                .map("detached", settings.detached() == null ? null : ItemBuilder.item()
                        .map("identity", identity(settings.detached().identity()))
                        .instant("at", settings.detached().at()).build())
                .map("sweep", sweep(settings.sweep()))
                // Sparse: only an enabled user's item is in the EnabledUsers index.
                .string(ENABLED_SHARD, settings.enabled() ? shard(settings.userId()) : null)
                .build();
    }

    static SyncSettings fromItem(Map<String, AttributeValue> attributes) {
        ItemReader item = new ItemReader(attributes, "settings");
        return new SyncSettings(
                item.string("userId"),
                item.bool("enabled"),
                item.listOfMaps("periods").stream()
                        .map(p -> new EnabledPeriod(p.instant("start"), p.optInstant("end"))).toList(),
                zone(item),
                firstSync(item.map("firstSync")),
                item.optInstant("watermark"),
                item.number("version"),
                identity(item.optMap("identity")),
                detached(item.optMap("detached")),
                sweep(item.optMap("sweep")));
    }

    private static Map<String, AttributeValue> sweep(SweepState sweep) {
        if (sweep.equals(SweepState.NONE)) {
            return null;
        }
        return ItemBuilder.item()
                .instant("deletionsCheckedAt", sweep.deletionsCheckedAt())
                .instant("updatesCheckedAt", sweep.updatesCheckedAt())
                .string("settleAfter", sweep.settleAfter())
                .instant("settleStartedAt", sweep.settleStartedAt())
                .build();
    }

    private static SweepState sweep(ItemReader item) {
        return item == null ? SweepState.NONE : new SweepState(item.optInstant("deletionsCheckedAt"),
                item.optInstant("updatesCheckedAt"), item.optString("settleAfter"), item.optInstant("settleStartedAt"));
    }

    private static Map<String, AttributeValue> identity(SalesforceIdentity identity) {
        return identity == null ? null : ItemBuilder.item().string("orgId", identity.orgId())
                .string("sfUserId", identity.sfUserId()).build();
    }

    private static SalesforceIdentity identity(ItemReader item) {
        return item == null ? null : new SalesforceIdentity(item.string("orgId"), item.string("sfUserId"));
    }

    private static DetachedConnection detached(ItemReader item) {
        return item == null ? null : new DetachedConnection(identity(item.map("identity")), item.instant("at"));
    }

    private static ZoneId zone(ItemReader item) {
        try {
            return ZoneId.of(item.string("timeZone"));
        } catch (DateTimeException e) {
            throw new StoreException("malformed settings item: attribute timeZone");
        }
    }

    private static AttributeValue period(EnabledPeriod period) {
        return AttributeValue.fromM(ItemBuilder.item().instant("start", period.start())
                .instant("end", period.end()).build());
    }

    private static Map<String, AttributeValue> firstSync(FirstSync firstSync) {
        ImportCursor cursor = firstSync.cursor();
        return ItemBuilder.item()
                .enumValue("state", firstSync.state())
                .number("imported", firstSync.imported())
                .instant("startedAt", firstSync.startedAt())
                .instant("finishedAt", firstSync.finishedAt())
                .string("error", firstSync.error())
                .map("cursor", cursor == null ? null : ItemBuilder.item()
                        .instant("systemModstamp", cursor.systemModstamp())
                        .string("sfId", cursor.sfId()).build())
                .bool("reEnable", firstSync.reEnable())
                .bool("linksSettled", firstSync.linksSettled())
                .string("settleAfter", firstSync.settleAfter())
                .instant("leaseUntil", firstSync.leaseUntil())
                .build();
    }

    private static FirstSync firstSync(ItemReader item) {
        ItemReader cursor = item.optMap("cursor");
        return new FirstSync(
                item.enumValue("state", FirstSyncState.class),
                item.integer("imported"),
                item.optInstant("startedAt"),
                item.optInstant("finishedAt"),
                item.optString("error"),
                cursor == null ? null : new ImportCursor(cursor.optInstant("systemModstamp"), cursor.optString("sfId")),
                item.bool("reEnable"),
                item.bool("linksSettled"),
                item.optString("settleAfter"),
                item.optInstant("leaseUntil"));
    }
}
