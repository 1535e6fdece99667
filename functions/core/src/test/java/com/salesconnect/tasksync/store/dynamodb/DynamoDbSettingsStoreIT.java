package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.EnabledPeriod;
import com.salesconnect.tasksync.settings.FirstSync;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.settings.SyncSettings;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.WriteConflictException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class DynamoDbSettingsStoreIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final DynamoDbSettingsStore store;

    DynamoDbSettingsStoreIT(AwsResources aws) {
        this.store = new DynamoDbSettingsStore(aws.dynamoDb(), aws.tableName("SyncTable"));
    }

    private static SyncSettings enabled(SyncSettings settings) {
        List<EnabledPeriod> periods = new ArrayList<>(settings.periods());
        periods.add(new EnabledPeriod(T0, null));
        return new SyncSettings(settings.userId(), true, periods, settings.timeZone(), FirstSync.queued(false),
                settings.watermark(), settings.version());
    }

    private static SyncSettings disabled(SyncSettings settings) {
        List<EnabledPeriod> periods = new ArrayList<>(settings.periods());
        EnabledPeriod open = periods.remove(periods.size() - 1);
        periods.add(new EnabledPeriod(open.start(), T0.plusSeconds(60)));
        return new SyncSettings(settings.userId(), false, periods, settings.timeZone(), settings.firstSync(),
                settings.watermark(), settings.version());
    }

    @Test
    void save_thenGet_roundTripsEverything() {
        String user = Fixtures.unique("user");
        SyncSettings settings = new SyncSettings(user, true,
                List.of(new EnabledPeriod(T0.minus(Duration.ofDays(30)), T0.minus(Duration.ofDays(20))),
                        new EnabledPeriod(T0, null)),
                BERLIN,
                new FirstSync(FirstSyncState.DONE, 120, T0, T0.plusSeconds(40), null,
                        new ImportCursor(T0.minusSeconds(1), "00T000000000009AAA"), true, true, null, null),
                T0.minusSeconds(300), 0);

        SyncSettings saved = store.save(settings);

        assertThat(saved.version()).isEqualTo(1);
        assertThat(store.get(UserId.of(user))).contains(saved);
        assertThat(store.get(UserId.of(Fixtures.unique("nobody")))).isEmpty();
    }

    @Test
    void twoWritersOfOneVersion_theLoserGetsWriteConflict_andTheWinnersSettingsAreStored() {
        String user = Fixtures.unique("user");
        SyncSettings read = store.save(SyncSettings.initial(user, BERLIN));

        SyncSettings winner = store.save(enabled(read));
        SyncSettings loser = new SyncSettings(user, false, List.of(), ZoneId.of("UTC"), FirstSync.NONE, null,
                read.version());

        assertThatThrownBy(() -> store.save(loser)).isInstanceOf(WriteConflictException.class);
        assertThat(store.get(UserId.of(user))).contains(winner);
        assertThatThrownBy(() -> store.save(SyncSettings.initial(user, BERLIN)))
                .as("a second create of the same user's settings")
                .isInstanceOf(WriteConflictException.class);
    }

    @Test
    void enabledUsers_pagesAcrossAllShards_withFullPages_andOnlyEnabledUsers() {
        Set<String> enabledUsers = new HashSet<>();
        Set<String> disabledUsers = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String user = Fixtures.unique("fan" + i);
            SyncSettings saved = store.save(enabled(SyncSettings.initial(user, BERLIN)));
            if (i % 5 == 0) {
                store.save(disabled(saved));
                disabledUsers.add(user);
            } else {
                enabledUsers.add(user);
            }
        }
        assertThat(enabledUsers.stream().map(SettingsItems::shard).distinct().count())
                .as("the users spread over several shards").isGreaterThan(4);

        List<String> listed = new ArrayList<>();
        List<Page<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<String> page = store.enabledUsers(cursor, 7);
            pages.add(page);
            listed.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && pages.size() < 50);

        assertThat(listed).doesNotHaveDuplicates().containsAll(enabledUsers).doesNotContainAnyElementsOf(disabledUsers);
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> assertThat(page.items()).hasSize(7));
        assertThat(pages.get(pages.size() - 1).last()).isTrue();
    }
}
