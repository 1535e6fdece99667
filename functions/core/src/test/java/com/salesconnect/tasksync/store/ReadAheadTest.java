package com.salesconnect.tasksync.store;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.FakeLinkStore;
import com.salesconnect.tasksync.testing.FakeTaskStore;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    private static final OrgId ORG = OrgId.of("00D000000000001AAA");
    private static final UserId U = UserId.of("u");

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeTaskStore taskStore = new FakeTaskStore(clock);
    private final FakeLinkStore linkStore = new FakeLinkStore(clock);
    private final ReadAhead reads = new ReadAhead(taskStore, linkStore);

    private static ScTask task(String taskId) {
        return new ScTask("u", taskId, TaskFields.todo("x"), NOW, NOW, 0, Origin.SALES_CONNECT, null, null);
    }

    private static TaskLink link(String taskId, String sfId) {
        return new TaskLink("u", taskId, ORG.value(), null, sfId, LinkState.LINKED, TaskFields.todo("x"), NOW, null,
                null, null, null, 0);
    }

    @Test
    void aPrefetchedValueAnswersTheFirstReadOnly_thenTheStoreIsAskedAgain() {
        ScTask t1 = taskStore.save(task("t1"));
        TaskLink l1 = linkStore.save(link("t1", "00T000000000001AAA"));
        reads.prefetch(U, List.of(TaskId.of("t1"), TaskId.of("t2")));
        int taskReads = taskStore.faults.calls("get");
        int linkReads = linkStore.faults.calls("get");

        assertThat(reads.tasks().get(U, TaskId.of("t1"))).contains(t1);
        assertThat(reads.tasks().get(U, TaskId.of("t2"))).as("absence is prefetched too").isEmpty();
        assertThat(reads.links().get(U, TaskId.of("t1"))).contains(l1);
        assertThat(taskStore.faults.calls("get")).isEqualTo(taskReads);
        assertThat(linkStore.faults.calls("get")).isEqualTo(linkReads);

        ScTask t2 = taskStore.save(task("t2")); // written behind the read-ahead's back, e.g. by another invocation
        assertThat(reads.tasks().get(U, TaskId.of("t2"))).as("a second read goes to the store").contains(t2);
        assertThat(taskStore.faults.calls("get")).isEqualTo(taskReads + 1);
    }

    @Test
    void aWriteThroughTheStoresForgetsTheKeysItTouches() {
        TaskLink l1 = linkStore.save(link("t1", "00T000000000001AAA"));
        ScTask t1 = taskStore.save(task("t1"));
        reads.prefetchRows(ORG, U, Map.of(SalesforceId.of("00T000000000001AAA"), TaskId.of("sf-00T000000000001AAA"),
                SalesforceId.of("00T000000000002AAA"), TaskId.of("sf-00T000000000002AAA")));

        ScTask t1v2 = reads.tasks().save(t1.edited(TaskFields.todo("y"), Origin.SALESFORCE, NOW));
        TaskLink l1v2 = reads.links().save(l1.relinked(l1.sfId(), TaskFields.todo("y"), NOW));
        reads.links().claim(link("sf-00T000000000002AAA", "00T000000000002AAA"));

        assertThat(reads.tasks().get(U, TaskId.of("t1"))).contains(t1v2);
        assertThat(reads.links().get(U, TaskId.of("t1"))).contains(l1v2);
        assertThat(reads.links().findBySfId(ORG, SalesforceId.of("00T000000000001AAA"))).contains(l1v2);
        assertThat(reads.links().claimOf(ORG, SalesforceId.of("00T000000000002AAA")))
                .contains(new SfIdClaim("u", "sf-00T000000000002AAA", null));
    }

    @Test
    void prefetchRows_readsTheLinkHoldingEachId_theTasksThoseLinksName_andTheImportTargetsOfTheRest() {
        TaskLink held = linkStore.save(link("t1", "00T000000000001AAA"));
        ScTask t1 = taskStore.save(task("t1"));
        reads.prefetchRows(ORG, U, Map.of(SalesforceId.of("00T000000000001AAA"), TaskId.of("sf-00T000000000001AAA"),
                SalesforceId.of("00T000000000002AAA"), TaskId.of("sf-00T000000000002AAA")));
        int taskReads = taskStore.faults.calls("get");
        int linkReads = linkStore.faults.calls("get") + linkStore.faults.calls("findBySfId");

        assertThat(reads.links().findBySfId(ORG, SalesforceId.of("00T000000000001AAA"))).contains(held);
        assertThat(reads.links().findBySfId(ORG, SalesforceId.of("00T000000000002AAA"))).isEmpty();
        assertThat(reads.tasks().get(U, TaskId.of("t1"))).contains(t1);
        assertThat(reads.links().get(U, TaskId.of("t1"))).contains(held);
        assertThat(reads.tasks().get(U, TaskId.of("sf-00T000000000002AAA"))).isEmpty();
        assertThat(reads.links().get(U, TaskId.of("sf-00T000000000002AAA"))).isEmpty();
        assertThat(taskStore.faults.calls("get")).isEqualTo(taskReads);
        assertThat(linkStore.faults.calls("get") + linkStore.faults.calls("findBySfId")).isEqualTo(linkReads);
    }

    @Test
    void rereadAllBySfId_readsTheStorePastThePrefetchedValues_andHoldsWhatItReadForTheNextRead() {
        SalesforceId created3 = SalesforceId.of("00T000000000003AAA");
        SalesforceId absent4 = SalesforceId.of("00T000000000004AAA");
        reads.prefetchRows(ORG, U, Map.of(created3, TaskId.of("sf-00T000000000003AAA"),
                absent4, TaskId.of("sf-00T000000000004AAA")));
        assertThat(reads.links().findBySfId(ORG, created3)).as("prefetched: no link yet").isEmpty();
        assertThat(reads.links().findBySfId(ORG, absent4)).isEmpty();
        TaskLink created = linkStore.save(link("t3", "00T000000000003AAA")); // a create's link, written meanwhile
        int before = linkStore.faults.calls("findBySfId");

        assertThat(reads.rereadAllBySfId(ORG, List.of(created3, absent4))).containsExactly(Map.entry(created3, created));
        int reread = linkStore.faults.calls("findBySfId");
        assertThat(reread).isGreaterThan(before);
        assertThat(reads.links().findBySfId(ORG, created3)).as("served, not read").contains(created);
        assertThat(reads.links().findBySfId(ORG, absent4)).as("served, not read").isEmpty();
        assertThat(linkStore.faults.calls("findBySfId")).isEqualTo(reread);
        assertThat(reads.links().findBySfId(ORG, created3)).contains(created);
        assertThat(linkStore.faults.calls("findBySfId")).as("held for one read only").isEqualTo(reread + 1);
    }

    @Test
    void prefetchedValuesBelongToTheThreadThatReadThem_andClearDropsThem() throws InterruptedException {
        ScTask t1 = taskStore.save(task("t1"));
        reads.prefetch(U, List.of(TaskId.of("t1")));
        ScTask t1v2 = taskStore.save(t1.edited(TaskFields.todo("y"), Origin.SALES_CONNECT, NOW));
        AtomicReference<Object> seenElsewhere = new AtomicReference<>();
        Thread other = new Thread(() -> seenElsewhere.set(reads.tasks().get(U, TaskId.of("t1")).orElseThrow()));
        other.start();
        other.join();

        assertThat(seenElsewhere.get()).isEqualTo(t1v2);
        reads.clear();
        assertThat(reads.tasks().get(U, TaskId.of("t1"))).contains(t1v2);
    }

    @Test
    void aFailedWriteStillForgetsTheKey() {
        ScTask t1 = taskStore.save(task("t1"));
        reads.prefetch(U, List.of(TaskId.of("t1")));
        ScTask t1v2 = taskStore.save(t1.edited(TaskFields.todo("y"), Origin.SALES_CONNECT, NOW));

        assertThatThrownBy(() -> reads.tasks().save(t1.edited(TaskFields.todo("z"), Origin.SALESFORCE, NOW)))
                .isInstanceOf(WriteConflictException.class);
        assertThat(reads.tasks().get(U, TaskId.of("t1"))).contains(t1v2);
    }

    @Test
    void aBatchsTasksAndLinks_areReadTogether_inOneReadOfBothStores() {
        taskStore.save(task("t1"));
        linkStore.save(link("t1", "00T000000000001AAA"));
        List<List<List<TaskId>>> calls = new java.util.ArrayList<>();
        TaskLinkReads both = TaskLinkReads.separately(taskStore, linkStore);
        ReadAhead together = new ReadAhead(taskStore, linkStore, (user, taskIds, linkTaskIds) -> {
            calls.add(List.of(List.copyOf(taskIds), List.copyOf(linkTaskIds)));
            return both.read(user, taskIds, linkTaskIds);
        });

        together.prefetch(U, List.of(TaskId.of("t1"), TaskId.of("t2")));
        assertThat(calls).containsExactly(List.of(List.of(TaskId.of("t1"), TaskId.of("t2")),
                List.of(TaskId.of("t1"), TaskId.of("t2"))));
        assertThat(together.tasks().get(U, TaskId.of("t1"))).isPresent();
        assertThat(together.links().get(U, TaskId.of("t1"))).isPresent();
        assertThat(together.links().get(U, TaskId.of("t2"))).isEmpty();

        calls.clear();
        together.prefetchRows(ORG, U, Map.of(SalesforceId.of("00T000000000001AAA"), TaskId.of("sf-00T000000000001AAA"),
                SalesforceId.of("00T000000000002AAA"), TaskId.of("sf-00T000000000002AAA")));
        assertThat(calls).as("after the links holding the ids, one read").hasSize(1);
        assertThat(calls.get(0).get(0)).as("the linked row's task and the other row's import target")
                .containsExactlyInAnyOrder(TaskId.of("t1"), TaskId.of("sf-00T000000000002AAA"));
        assertThat(calls.get(0).get(1)).as("the import target's link").containsExactly(TaskId.of("sf-00T000000000002AAA"));
        assertThat(together.tasks().get(U, TaskId.of("t1"))).isPresent();
        assertThat(together.links().get(U, TaskId.of("sf-00T000000000002AAA"))).isEmpty();
    }
}
