package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.sync.ConnectService;
import com.salesconnect.tasksync.sync.SweepResult;
import com.salesconnect.tasksync.task.ScTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployed wiring against moto and the Salesforce emulator: OAuth, KMS, DynamoDB, EventBridge, REST. */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncComponentsIT {

    private static final URI BASE = URI.create("https://api.tasksync.example");
    private LiveSync live;

    @BeforeAll
    void start(AwsResources aws) {
        live = LiveSync.start(aws, Instant.parse("2026-11-24T09:00:00Z"));
    }

    @AfterAll
    void stop() {
        live.close();
    }

    @Test
    void connectEnableAndFirstSync_workThroughTheDeployedWiring() {
        live.registerWebhookToken();
        String sfTask = live.salesforce.org().seedTask(LiveSync.SF_USERNAME,
                Map.of("Subject", "Changed 2 hours ago", "LastModifiedDate", "NOW-2h")).id();

        ConnectService.Connected connected = live.connect(LiveSync.USER, LiveSync.SF_USERNAME, BASE);

        assertThat(connected.orgId()).isEqualTo(live.orgId());
        assertThat(connected.webhookUrl()).as("the org keeps the token registered before its first connect")
                .isEqualTo(URI.create(BASE + "/salesforce/outbound-messages/" + LiveSync.WEBHOOK_TOKEN));
        SalesforceConnection stored = live.components.stores().connections().get(UserId.of(LiveSync.USER))
                .orElseThrow();
        assertThat(stored.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(stored.sfUserId()).isEqualTo(live.sfUserId(LiveSync.SF_USERNAME));
        assertThat(stored.toString()).doesNotContain(live.components.tokenCipher()
                .decrypt(stored.encryptedRefreshToken(), TokenContext.refreshToken(LiveSync.USER)));

        live.components.settingsService().enable(UserId.of(LiveSync.USER), ZoneId.of("Europe/Berlin"));
        SweepResult result = live.components.sweepService().runForUser(UserId.of(LiveSync.USER));

        assertThat(result.kind()).isEqualTo(SweepResult.Kind.FIRST_SYNC_DONE);
        ScTask imported = live.components.stores().tasks()
                .get(UserId.of(LiveSync.USER), TaskId.of(SalesforceIds.importedTaskId(SalesforceIds.to18(sfTask))))
                .orElseThrow();
        assertThat(imported.fields().subject()).isEqualTo("Changed 2 hours ago");
        assertThat(live.components.settingsService().view(UserId.of(LiveSync.USER)).firstSync().state())
                .isEqualTo(FirstSyncState.DONE);
    }
}
