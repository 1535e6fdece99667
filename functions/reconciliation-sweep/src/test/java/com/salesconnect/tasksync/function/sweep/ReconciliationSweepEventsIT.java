package com.salesconnect.tasksync.function.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.settings.FirstSyncState;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.wiring.LiveSync;
import com.salesconnect.tasksync.wiring.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of events/reconciliation-sweep through the handler, against moto and the Salesforce emulator, twice:
 * demo connected and sync turned on at 09:00 (first sync queued), Salesforce tasks of demo changed 2 and 30 hours
 * before, and one of another user.
 */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationSweepEventsIT {

    private LiveSync live;
    private ReconciliationSweepHandler handler;
    private LiveSync.BusTap bus;
    private String recent;
    private String old;
    private String others;

    @BeforeAll
    void start(AwsResources aws) {
        live = LiveSync.start(aws, Instant.parse("2026-11-24T09:00:00Z"));
        live.demoConnected();
        recent = sfId(live.salesforce.org().seedTask(LiveSync.SF_USERNAME,
                Map.of("Subject", "Changed 2 hours before enabling", "LastModifiedDate", "NOW-2h")).id());
        old = sfId(live.salesforce.org().seedTask(LiveSync.SF_USERNAME,
                Map.of("Subject", "Changed 30 hours before enabling", "LastModifiedDate", "NOW-30h")).id());
        others = sfId(live.salesforce.org().seedTask("sam@example.com",
                Map.of("Subject", "Sam's task", "LastModifiedDate", "NOW-1h")).id());
        live.components.settingsService().enable(UserId.of(LiveSync.USER), ZoneId.of("Europe/Berlin"));
        handler = new ReconciliationSweepHandler(live.components);
        bus = live.tapBus("ReconciliationSweepEventsIT-bus");
    }

    @AfterAll
    void stop() {
        live.close();
    }

    private static String sfId(String id) {
        return SalesforceIds.to18(id);
    }

    private Map<String, Object> handle(String file) {
        return handler.handleRequest(ReconciliationSweepHandlerTest.event(file), TestLambdaContext.of("it"));
    }

    private Optional<ScTask> imported(String sfId) {
        return live.components.stores().tasks()
                .get(UserId.of(LiveSync.USER), TaskId.of(SalesforceIds.importedTaskId(sfId)));
    }

    @Test
    @Order(1)
    void syncEnabled_runsTheFirstImport_ofTheLast24Hours() {
        LiveSync.State before = live.state();

        Map<String, Object> result = handle("sync-enabled.json");

        assertThat(result).containsEntry("result", "FIRST_SYNC_DONE");
        assertThat(imported(recent)).hasValueSatisfying(t ->
                assertThat(t.fields().subject()).isEqualTo("Changed 2 hours before enabling"));
        assertThat(imported(old)).isEmpty();
        assertThat(imported(others)).isEmpty();
        var settings = live.components.stores().settings().get(UserId.of(LiveSync.USER)).orElseThrow();
        assertThat(settings.firstSync().state()).isEqualTo(FirstSyncState.DONE);
        assertThat(settings.firstSync().imported()).isEqualTo(1);
        assertThat(live.state().salesforceTasks()).as("an import writes nothing to Salesforce")
                .isEqualTo(before.salesforceTasks());

        LiveSync.State after = live.state();
        live.advance(Duration.ofSeconds(1));
        Map<String, Object> again = handle("sync-enabled.json");

        assertThat(again).containsEntry("result", "INCREMENTAL");
        assertThat(live.state()).isEqualTo(after);
    }

    @Test
    @Order(2)
    void userSweepRequested_pullsWhatOutboundMessagesMissed() {
        live.advance(Duration.ofMinutes(5));
        live.salesforce.org().updateTask(LiveSync.SF_USERNAME, recent, Map.of("Subject", "Edited in Salesforce"));
        live.advance(Duration.ofMinutes(1));

        Map<String, Object> result = handle("user-sweep-requested.json");

        assertThat(result).containsEntry("swept", 2).containsEntry("failed", 0);
        assertThat(imported(recent).orElseThrow().fields().subject()).isEqualTo("Edited in Salesforce");

        LiveSync.State after = live.state();
        live.advance(Duration.ofSeconds(1));
        handle("user-sweep-requested.json");

        assertThat(live.state()).isEqualTo(after);
    }

    @Test
    @Order(3)
    void schedule_fansOutOneUnitOfWorkPerBatchOfEnabledUsers_onTheBus() {
        bus.take();
        LiveSync.State before = live.state();

        Map<String, Object> result = handle("schedule.json");
        handle("schedule.json");

        assertThat(result).containsEntry("usersFannedOut", 1);
        List<JsonNode> published = bus.take();
        assertThat(published).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("detail-type").asText()).isEqualTo("UserSweepRequested");
            assertThat(e.get("detail").get("userIds")).extracting(JsonNode::asText).containsExactly(LiveSync.USER);
            assertThat(e.get("detail").get("scheduledAt").asText()).isEqualTo("2026-11-24T10:00:00Z");
        });
        assertThat(live.state()).as("a tick only publishes").isEqualTo(before);
    }
}
