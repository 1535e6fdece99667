package com.salesconnect.tasksync.deploy.lambda;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.function.sweep.ReconciliationSweepHandler;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.wiring.LiveSync;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The events {@link ColdStartFixture} hands {@code infra/bench/cold-start}, in a world of their own. */
@AwsEngineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColdStartEventsIT {

    private FunctionWorld world;

    @BeforeAll
    void start(AwsResources aws) {
        world = FunctionWorld.start(aws);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /**
     * The sweep's cold-start event ({@code infra/bench/cold-start}) gives every sweep the same work, whatever the
     * round's other cold-start events left before it: one task of demo's to import from Salesforce.
     */
    @Test
    void theSweepsColdStartEvent_givesEverySweepOneTaskToImport_whateverCameBefore() {
        ReconciliationSweepHandler sweep = new ReconciliationSweepHandler(world.live.components);
        world.coldStartEvent(FunctionWorld.INBOUND);   // a task created in Salesforce, its message never delivered
        world.coldStartEvent(FunctionWorld.OUTBOUND);  // a task stored in Sales Connect
        for (int round = 1; round <= 2; round++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) LambdaJson.read(world.coldStartEvent(FunctionWorld.SWEEP));
            int before = demoTasks();

            Map<String, Object> summary = sweep.handleRequest(event, null);

            assertThat(summary).as("round %d", round).containsEntry("swept", 2).containsEntry("failed", 0);
            assertThat(demoTasks()).as("round %d: tasks of demo after its sweep", round).isEqualTo(before + 1);
        }
    }

    private int demoTasks() {
        int count = 0;
        String cursor = null;
        do {
            Page<ScTask> page = world.live.components.stores().tasks().list(UserId.of(LiveSync.USER), cursor, 100);
            count += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }
}
