package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.crypto.TokenContext;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.TaskChange;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeStoresTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    private static ScTask task(long version) {
        return new ScTask("u", "t", TaskFields.todo("x"), NOW, NOW, version, Origin.SALES_CONNECT, null, null);
    }

    private static TaskLink link(String taskId, String sfId, long version) {
        return new TaskLink("u", taskId, "00D5g00000ORG01EAH", null, sfId, LinkState.LINKED, TaskFields.todo("x"), NOW,
                null, null, null,
                null, version);
    }

    @Test
    void taskStore_savesOnlyOverTheVersionItWasReadAt() {
        FakeTaskStore tasks = new FakeTaskStore(clock);
        ScTask v1 = tasks.save(task(0));

        assertThat(v1.version()).isEqualTo(1);
        assertThatThrownBy(() -> tasks.save(task(0))).isInstanceOf(WriteConflictException.class);
        ScTask v2 = tasks.save(v1.edited(TaskFields.todo("y"), Origin.SALES_CONNECT, NOW));
        assertThatThrownBy(() -> tasks.save(v1)).isInstanceOf(WriteConflictException.class);
        assertThat(tasks.get(UserId.of("u"), TaskId.of("t"))).contains(v2);
    }

    @Test
    void taskStore_streamCarriesOldAndNewImages() {
        FakeTaskStore tasks = new FakeTaskStore(clock);
        ScTask v1 = tasks.save(task(0));
        ScTask v2 = tasks.save(v1.edited(TaskFields.todo("y"), Origin.SALES_CONNECT, NOW));

        List<TaskChange> stream = tasks.takeStream();

        assertThat(stream).extracting(TaskChange::oldImage).containsExactly(null, v1);
        assertThat(stream).extracting(TaskChange::newImage).containsExactly(v1, v2);
        assertThat(tasks.takeStream()).isEmpty();
    }

    @Test
    void linkStore_anSfIdBelongsToOneTask_untilReleased() {
        FakeLinkStore links = new FakeLinkStore(clock);
        links.save(link("a", "00T5g0000000001AAA", 0));

        assertThatThrownBy(() -> links.save(link("b", "00T5g0000000001AAA", 0)))
                .isInstanceOf(WriteConflictException.class);
        links.releaseSfId(link("a", "00T5g0000000001AAA", 1));
        links.save(link("b", "00T5g0000000001AAA", 0));

        assertThat(links.findBySfId(OrgId.of("00D5g00000ORG01EAH"),
                SalesforceId.of("00T5g0000000001AAA")).orElseThrow().taskId()).isEqualTo("b");
    }

    @Test
    void linkStore_aPendingCreateRecordingItsTask_claimsNoPointer_untilLinked() {
        FakeLinkStore links = new FakeLinkStore(clock);
        TaskLink copy = links.save(link("sf-copy", "00T5g0000000001AAA", 0));
        TaskLink pending = links.save(new TaskLink("u", "a", "00D5g00000ORG01EAH", null, null,
                LinkState.PENDING_CREATE, TaskFields.todo("x"), null, NOW, null, null, null, 0));

        TaskLink recorded = links.save(pending.recording("00T5g0000000001AAA"));

        assertThat(links.get(UserId.of("u"), TaskId.of("a")).orElseThrow().sfId()).isEqualTo("00T5g0000000001AAA");
        assertThat(links.pendingCreates(UserId.of("u"))).containsExactly(recorded);
        assertThat(links.findBySfId(OrgId.of("00D5g00000ORG01EAH"), SalesforceId.of("00T5g0000000001AAA")))
                .contains(copy);
        assertThatThrownBy(() -> links.save(recorded.relinked("00T5g0000000001AAA", TaskFields.todo("x"), null)))
                .isInstanceOf(WriteConflictException.class);
        links.releaseSfId(copy);
        TaskLink linked = links.save(recorded.relinked("00T5g0000000001AAA", TaskFields.todo("x"), null));
        assertThat(links.findBySfId(OrgId.of("00D5g00000ORG01EAH"), SalesforceId.of("00T5g0000000001AAA")))
                .contains(linked);
    }

    @Test
    void linkStore_aSavedCreateAttempt_isKnownUnsentUntilMarkedSending_aSeededOneMayHaveBeenSent() {
        FakeLinkStore links = new FakeLinkStore(clock);
        TaskLink pending = links.save(new TaskLink("u", "a", "00D5g00000ORG01EAH", null, null,
                LinkState.PENDING_CREATE, TaskFields.todo("x"), null, NOW, null, null, null, 0));
        assertThat(links.mayHaveBeenSent(pending)).isFalse();
        assertThat(links.sentCreates(UserId.of("u"))).isEmpty();

        links.markSending(List.of(pending));

        assertThat(links.mayHaveBeenSent(pending)).isTrue();
        assertThat(links.sentCreates(UserId.of("u"))).containsExactly(pending);
        assertThat(links.mayHaveBeenSent(pending.pendingAgain(NOW.plusSeconds(1), TaskFields.todo("x")))).isTrue();
        TaskLink seeded = new TaskLink("u", "b", "00D5g00000ORG01EAH", null, null, LinkState.PENDING_CREATE,
                TaskFields.todo("y"), null, NOW, null, null, null, 1);
        links.seed(seeded);
        assertThat(links.mayHaveBeenSent(seeded)).isTrue();
    }

    @Test
    void linkStore_aCrashBetweenPointerAndLink_isMendedBySavingAgain() {
        FakeLinkStore links = new FakeLinkStore(clock);
        links.faults.failNext("save:afterPointer");

        assertThatThrownBy(() -> links.save(link("a", "00T5g0000000001AAA", 0))).isInstanceOf(StoreException.class);
        assertThat(links.findBySfId(OrgId.of("00D5g00000ORG01EAH"), SalesforceId.of("00T5g0000000001AAA"))).isEmpty();
        links.save(link("a", "00T5g0000000001AAA", 0));

        assertThat(links.findBySfId(OrgId.of("00D5g00000ORG01EAH"), SalesforceId.of("00T5g0000000001AAA"))).isPresent();
    }

    @Test
    void settingsStore_pagesEnabledUsers() {
        FakeSettingsStore settings = new FakeSettingsStore();
        for (String u : List.of("c", "a", "b")) {
            settings.save(new com.salesconnect.tasksync.settings.SyncSettings(u, true, List.of(),
                    java.time.ZoneOffset.UTC, com.salesconnect.tasksync.settings.FirstSync.NONE, null, 0));
        }

        var first = settings.enabledUsers(null, 2);
        var second = settings.enabledUsers(first.nextCursor(), 2);

        assertThat(first.items()).containsExactly("a", "b");
        assertThat(second.items()).containsExactly("c");
        assertThat(second.last()).isTrue();
    }

    @Test
    void tokenCipher_bindsTheContext() {
        FakeTokenCipher cipher = new FakeTokenCipher();
        String c = cipher.encrypt("secret", TokenContext.refreshToken("user-a"));

        assertThat(cipher.decrypt(c, TokenContext.refreshToken("user-a"))).isEqualTo("secret");
        assertThatThrownBy(() -> cipher.decrypt(c, TokenContext.refreshToken("user-b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt(c, TokenContext.accessToken("user-a")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
