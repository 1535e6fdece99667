package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.task.ScTask;

/** What a push does for one task, as {@link PushPlanner} decides it from the task and its link. */
sealed interface PushAction {

    String taskId();

    /** A task with no link yet: create it in Salesforce. */
    record Create(ScTask task) implements PushAction {
        public String taskId() {
            return task.taskId();
        }
    }

    /** A task whose create may have reached Salesforce before (PENDING_CREATE): adopt what it made, else create. */
    record RetryCreate(ScTask task, TaskLink link) implements PushAction {
        public String taskId() {
            return task.taskId();
        }
    }

    /** A linked task changed in Sales Connect since the last sync. */
    record Update(ScTask task, TaskLink link) implements PushAction {
        public String taskId() {
            return task.taskId();
        }
    }

    /** An imported task whose link write was lost (crash between the two): link it again, never create it. */
    record Mend(ScTask task, String sfId) implements PushAction {
        public String taskId() {
            return task.taskId();
        }
    }

    /** A linked task deleted in Sales Connect. */
    record Delete(TaskLink link) implements PushAction {
        public String taskId() {
            return link.taskId();
        }
    }

    /** A task deleted while its create was pending: delete what the create may have made. */
    record DeletePending(TaskLink link, ScTask tombstone) implements PushAction {
        public String taskId() {
            return link.taskId();
        }
    }
}
