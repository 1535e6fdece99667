package com.salesconnect.tasksync.deploy.lambda;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.emulator.OrgAdmin;
import com.salesconnect.tasksync.function.sweep.ReconciliationSweepHandler;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.task.ScTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
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
     * round's other cold-start events left before it: one task to import, in an org where nothing else changed,
     * with the same Salesforce calls every round.
     */
    @Test
    void theSweepsColdStartEvent_givesEverySweepOneTaskToImport_whateverCameBefore() {
        ReconciliationSweepHandler sweep = new ReconciliationSweepHandler(world.live.components);
        List<Long> calls = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            world.coldStartEvent(FunctionWorld.INBOUND);   // a task created in Salesforce, its message never delivered
            world.coldStartEvent(FunctionWorld.OUTBOUND);  // a task stored in Sales Connect
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) LambdaJson.read(world.coldStartEvent(FunctionWorld.SWEEP));
            @SuppressWarnings("unchecked")
            String user = ((List<String>) ((Map<String, Object>) event.get("detail")).get("userIds")).get(0);
            OrgAdmin org = world.live.salesforce.org(world.sweepOrgId(round));
            assertThat(user).isEqualTo(FunctionWorld.sweeperUser(round));
            assertThat(org.tasks()).as("round %d: the tasks of the sweep's org", round).hasSize(1);
            assertThat(tasksOf(user)).as("round %d: tasks of %s before its sweep", round, user).isZero();
            long before = org.apiUsage().used();

            Map<String, Object> summary = sweep.handleRequest(event, null);

            assertThat(summary).as("round %d", round).containsEntry("swept", 2).containsEntry("failed", 0);
            assertThat(tasksOf(user)).as("round %d: tasks of %s after its sweep", round, user).isEqualTo(1);
            calls.add(org.apiUsage().used() - before);
        }
        assertThat(calls.get(0)).isPositive();
        assertThat(calls).as("Salesforce calls of each round's sweep").containsOnly(calls.get(0));
    }

    private int tasksOf(String user) {
        int count = 0;
        String cursor = null;
        do {
            Page<ScTask> page = world.live.components.stores().tasks().list(UserId.of(user), cursor, 100);
            count += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }
}
