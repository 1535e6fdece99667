package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.PendingPush;
import com.salesconnect.tasksync.metrics.MetricRecorder;
import com.salesconnect.tasksync.metrics.Metrics;
import com.salesconnect.tasksync.metrics.SyncMetrics;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics (issue 13) are recorded where the sync does the work they count: a metric dropped from its call site
 * fails here, not only on the dashboard.
 */
class SyncMetricsTest {

    private static final String TO_SF = SyncMetrics.Direction.TO_SALESFORCE.dimension();
    private static final String TO_SC = SyncMetrics.Direction.TO_SALES_CONNECT.dimension();

    private final SyncFixture fx = new SyncFixture();
    private final MetricRecorder metrics = new MetricRecorder();

    private void recorded(Runnable work) {
        Metrics.with(metrics, () -> {
            work.run();
            return null;
        });
    }

    private double sum(String name, Map<String, String> dimensions) {
        return metrics.sum(name, dimensions);
    }

    @Test
    void aFirstSync_countsItsImports_theirLag_andItsDuration() {
        fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        fx.aliceEnabled();

        recorded(() -> fx.sweep(ALICE));

        assertThat(sum("ChangesApplied", Map.of("Direction", TO_SC, "Kind", "Create"))).isEqualTo(1.0);
        assertThat(metrics.groups()).anySatisfy(g -> assertThat(g.metrics()).containsKey("ChangeLag"));
        assertThat(metrics.groups()).anySatisfy(g -> assertThat(g.metrics()).containsKey("FirstSyncDuration"));
    }

    @Test
    void aPush_countsTheChangeApplied_aDeferredOne_countsTheDeferral() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        fx.taskService.create(UserId.of(ALICE), TaskFields.todo("Made in Sales Connect"));
        recorded(fx::pushStream);
        assertThat(sum("ChangesApplied", Map.of("Direction", TO_SF, "Kind", "Create"))).isEqualTo(1.0);

        fx.taskService.create(UserId.of(ALICE), TaskFields.todo("Made while Salesforce is down"));
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "create", 1);
        recorded(fx::pushStream);
        assertThat(sum("PushesDeferred", Map.of())).isEqualTo(1.0);
    }

    @Test
    void aVersionAlreadyApplied_isCountedIgnored_asADuplicate() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        fx.deliverNotificationsFor(sf.id());

        // The same version by a second path: a new notification of it (another message id).
        OutboundMessage again = fx.salesforce.messageFor(sf.id());
        recorded(() -> fx.deliver(again));

        assertThat(sum("ChangesIgnored", Map.of("Direction", TO_SC, "Reason", "Duplicate"))).isEqualTo(1.0);
    }

    @Test
    void anEditOnBothSidesOfTheSameField_countsAConflict() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        ScTask task = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("subject"));
        fx.pushStream();
        String sfId = fx.links.get(UserId.of(ALICE), TaskId.of(task.taskId())).orElseThrow().sfId();
        fx.clock.advance(Duration.ofMinutes(1));
        fx.salesforce.userEdits(sfId, Map.of("Subject", "edited in Salesforce"));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.taskService.edit(UserId.of(ALICE), TaskId.of(task.taskId()), TaskFields.todo("edited in Sales Connect"));

        recorded(() -> {
            fx.pushStream();
            fx.clock.advance(Duration.ofMinutes(10));
            fx.sweep(ALICE);
        });

        assertThat(sum("Conflicts", Map.of())).isPositive();
    }

    @Test
    void aPendingPushThatFailsItsLastAttempt_countsAGiveUp() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
        ScTask task = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("Never reaches Salesforce"));
        fx.tasks.takeStream(); // its stream record's retries ran out: only its pending push is left
        fx.pendingPushes.put(new PendingPush(ALICE, task.taskId(), PendingPushRetry.MAX_PUSH_ATTEMPTS,
                fx.clock.instant(), fx.clock.instant(), "Salesforce unavailable"));
        fx.salesforce.fail(FakeSalesforce.Failure.UNAVAILABLE, "create", 1);
        fx.clock.advance(Duration.ofMinutes(5));

        recorded(() -> fx.sweep(ALICE));

        assertThat(sum("PushGiveUps", Map.of())).isEqualTo(1.0);
        assertThat(fx.pendingPushes.forUser(UserId.of(ALICE))).isEmpty();
    }
}
