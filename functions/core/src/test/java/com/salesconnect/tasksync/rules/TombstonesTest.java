package com.salesconnect.tasksync.rules;

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

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TombstonesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    @Test
    void tombstone_livesFifteenDays() {
        ScTask task = new ScTask("u", "t", TaskFields.todo("x"), NOW, NOW, 1, Origin.SALES_CONNECT, null, null);

        ScTask tomb = Tombstones.of(task, Origin.SALESFORCE, NOW);

        assertThat(tomb.deletedAt()).isEqualTo(NOW);
        assertThat(tomb.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(15)));
        assertThat(tomb.changeOrigin()).isEqualTo(Origin.SALESFORCE);
        assertThat(Tombstones.blocks(tomb, NOW.plus(Duration.ofDays(15)).minusSeconds(1))).isTrue();
        assertThat(Tombstones.blocks(tomb, NOW.plus(Duration.ofDays(15)))).isFalse();
    }

    @Test
    void linkTombstone_keepsTheSalesforceId_soLateMessagesMeetIt() {
        TaskLink link = new TaskLink("u", "t", "00D5g00000ORG01EAH", null, "00T5g0000000001AAA", LinkState.LINKED,
                TaskFields.todo("x"),
                NOW, null, null, null, null, 3);

        TaskLink tomb = Tombstones.of(link, Origin.SALES_CONNECT, NOW);

        assertThat(tomb.state()).isEqualTo(LinkState.DELETED);
        assertThat(tomb.sfId()).isEqualTo("00T5g0000000001AAA");
        assertThat(tomb.deletedBy()).isEqualTo(Origin.SALES_CONNECT);
        assertThat(tomb.expiresAt()).isEqualTo(NOW.plus(Tombstones.TTL));
        assertThat(tomb.version()).isEqualTo(3);
    }

    @Test
    void tombstone_expired_isTreatedAsAbsent_byTheStores() {
        MutableClock clock = new MutableClock(NOW);
        FakeTaskStore tasks = new FakeTaskStore(clock);
        FakeLinkStore links = new FakeLinkStore(clock);
        ScTask task = tasks.save(new ScTask("u", "t", TaskFields.todo("x"), NOW, NOW, 0, Origin.SALES_CONNECT, null,
                null));
        tasks.save(Tombstones.of(task, Origin.SALES_CONNECT, NOW));
        TaskLink link = links.save(new TaskLink("u", "t", "00D5g00000ORG01EAH", null, "00T5g0000000001AAA",
                LinkState.LINKED,
                TaskFields.todo("x"), NOW, null, null, null, null, 0));
        links.save(Tombstones.of(link, Origin.SALES_CONNECT, NOW));

        clock.advance(Duration.ofDays(15));

        assertThat(tasks.get(UserId.of("u"), TaskId.of("t"))).isEmpty();
        assertThat(links.get(UserId.of("u"), TaskId.of("t"))).isEmpty();
        assertThat(links.findBySfId(OrgId.of("00D5g00000ORG01EAH"), SalesforceId.of("00T5g0000000001AAA"))).isEmpty();
        // ...and a create over it succeeds, as over nothing.
        assertThat(tasks.save(new ScTask("u", "t", TaskFields.todo("again"), clock.instant(), clock.instant(), 0,
                Origin.SALES_CONNECT, null, null)).version()).isEqualTo(1);
    }
}
