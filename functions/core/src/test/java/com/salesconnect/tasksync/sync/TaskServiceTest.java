package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.ScTask;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskServiceTest {

    private final SyncFixture fx = new SyncFixture();

    @Test
    void create_storesATaskWrittenBySalesConnect() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("Call Bob"));

        assertThat(t.changeOrigin()).isEqualTo(Origin.SALES_CONNECT);
        assertThat(t.createdAt()).isEqualTo(SyncFixture.START);
        assertThat(t.version()).isEqualTo(1);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId()))).contains(t);
    }

    @Test
    void badInput_isRejected_andNothingIsStored() {
        assertThatThrownBy(() -> fx.taskService.create(UserId.of(ALICE), TaskFields.todo("")))
                .isInstanceOf(InvalidTaskException.class);
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("ok"));
        assertThatThrownBy(() -> fx.taskService.edit(UserId.of(ALICE), TaskId.of(t.taskId()), TaskFields.todo("  ")))
                .isInstanceOf(InvalidTaskException.class);

        assertThat(fx.tasks.all()).singleElement().satisfies(s -> assertThat(s.fields().subject()).isEqualTo("ok"));
    }

    @Test
    void completeAndReopen_changeOnlyCompletion() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("x").with(Field.NOTES, "n"));

        ScTask done = fx.taskService.complete(UserId.of(ALICE), TaskId.of(t.taskId()));
        ScTask open = fx.taskService.reopen(UserId.of(ALICE), TaskId.of(t.taskId()));

        assertThat(done.fields()).isEqualTo(t.fields().with(Field.COMPLETED, true));
        assertThat(open.fields()).isEqualTo(t.fields());
        assertThat(open.changeOrigin()).isEqualTo(Origin.SALES_CONNECT);
    }

    @Test
    void delete_leavesAFifteenDayTombstone_andIsIdempotent() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("x"));
        fx.clock.advance(Duration.ofHours(1));

        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));

        ScTask tomb = fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow();
        assertThat(tomb.deleted()).isTrue();
        assertThat(tomb.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofDays(15)));
        assertThat(tomb.changeOrigin()).isEqualTo(Origin.SALES_CONNECT);
        assertThat(tomb.version()).isEqualTo(2);
    }

    @Test
    void editingADeletedTask_isNotFound() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("x"));
        fx.taskService.delete(UserId.of(ALICE), TaskId.of(t.taskId()));

        assertThatThrownBy(() -> fx.taskService.complete(UserId.of(ALICE), TaskId.of(t.taskId())))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void aConcurrentWrite_isReReadAndTheChangeAppliedOnTop() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("x"));
        fx.tasks.faults.failNext("save", 1, () -> new WriteConflictException("task"));

        ScTask done = fx.taskService.complete(UserId.of(ALICE), TaskId.of(t.taskId()));

        assertThat(done.fields().completed()).isTrue();
    }

    @Test
    void update_replacesOnlyWhatTheChangeTouches_andRejectsAnInvalidResult() {
        ScTask t = fx.taskService.create(UserId.of(ALICE), TaskFields.todo("x").with(Field.NOTES, "keep"));

        ScTask renamed = fx.taskService.update(UserId.of(ALICE), TaskId.of(t.taskId()),
                f -> f.with(Field.SUBJECT, "y"));

        assertThat(renamed.fields().subject()).isEqualTo("y");
        assertThat(renamed.fields().notes()).isEqualTo("keep");
        assertThat(renamed.changeOrigin()).isEqualTo(Origin.SALES_CONNECT);
        assertThatThrownBy(() -> fx.taskService.update(UserId.of(ALICE), TaskId.of(t.taskId()),
                f -> f.with(Field.SUBJECT, " ")))
                .isInstanceOf(InvalidTaskException.class);
        assertThat(fx.tasks.get(UserId.of(ALICE), TaskId.of(t.taskId())).orElseThrow().fields().subject())
                .isEqualTo("y");
    }
}
