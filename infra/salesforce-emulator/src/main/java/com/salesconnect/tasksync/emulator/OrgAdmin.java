package com.salesconnect.tasksync.emulator;

import com.salesconnect.tasksync.emulator.org.ApiUsageMeter;
import com.salesconnect.tasksync.emulator.org.Org;
import com.salesconnect.tasksync.emulator.org.RelativeTimes;
import com.salesconnect.tasksync.emulator.org.User;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.RecordInput;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.SaveError;
import com.salesconnect.tasksync.emulator.sobject.WriteOrigin;
import com.salesconnect.tasksync.emulator.sobject.WriteOutcome;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test and admin view of one org: tasks written "as a person in the Salesforce UI" (these fire outbound
 * messages like any user edit), silent seeding, recycle-bin and system operations, outbound endpoints and
 * API usage. Field values are typed (String, LocalDate, Instant, Boolean) or their REST text; dates and
 * date-times also take {@code TODAY+1} / {@code NOW-30h}. Rejected writes throw {@link TaskWriteException}.
 */
public final class OrgAdmin {

    private final Org org;
    private final Clock clock;

    OrgAdmin(Org org, Clock clock) {
        this.org = org;
        this.clock = clock;
    }

    public String id() {
        return org.id();
    }

    public String name() {
        return org.name();
    }

    public List<User> users() {
        return org.users();
    }

    /** A user by username or id. */
    public User user(String usernameOrId) {
        return org.user(usernameOrId).orElseThrow(() -> new IllegalArgumentException("no such user in org "
                + org.id() + ": " + usernameOrId));
    }

    public List<SObjectRecord> taskStatuses() {
        return org.taskStatuses();
    }

    // ------------------------------------------------------------------ tasks

    /** Creates a task as this user would in the UI: defaults, validation, an outbound message. */
    public SObjectRecord createTask(String asUser, Map<String, ?> fields) {
        User user = user(asUser);
        return saved(org.tasks().create(List.of(input(fields, user)), user.id(), true, WriteOrigin.UI));
    }

    /** Edits a task as this user would in the UI (an outbound message follows). Null clears a field. */
    public SObjectRecord updateTask(String asUser, String taskId, Map<String, ?> fields) {
        User user = user(asUser);
        Map<String, Object> input = new LinkedHashMap<>(input(fields, user));
        input.put("Id", taskId);
        return saved(org.tasks().update(List.of(input), user.id(), true, WriteOrigin.UI));
    }

    /** Moves a task to the recycle bin (no outbound message, as in Salesforce). */
    public SObjectRecord deleteTask(String asUser, String taskId) {
        User user = user(asUser);
        return saved(org.tasks().delete(List.of(taskId), user.id(), true));
    }

    /** Restores a task from the recycle bin. */
    public SObjectRecord undeleteTask(String asUser, String taskId) {
        User user = user(asUser);
        return saved(List.of(org.tasks().undelete(taskId, user.id())));
    }

    /** Empties a deleted task from the recycle bin: gone for good (queryAll does not return it any more). */
    public void purgeTask(String taskId) {
        WriteOutcome outcome = org.tasks().purge(taskId);
        if (outcome instanceof WriteOutcome.Failed f) {
            throw new TaskWriteException(f.errors());
        }
    }

    /**
     * Creates a recurring task series as a person would: the series master ({@code IsRecurrence = true}) and one
     * occurrence per date, each its own task pointing to the master (outbound messages for every record).
     */
    public List<SObjectRecord> createRecurringTask(String asUser, Map<String, ?> fields, List<LocalDate> dates) {
        User user = user(asUser);
        Map<String, Object> master = new LinkedHashMap<>(input(fields, user));
        master.put("IsRecurrence", true);
        master.put("ActivityDate", dates.get(0));
        SObjectRecord created = saved(org.tasks().create(List.of(master), user.id(), true, WriteOrigin.SEED));
        List<SObjectRecord> out = new ArrayList<>(List.of(created));
        for (LocalDate date : dates) {
            Map<String, Object> occurrence = new LinkedHashMap<>(input(fields, user));
            occurrence.put("ActivityDate", date);
            occurrence.put("RecurrenceActivityId", created.id());
            out.add(saved(org.tasks().create(List.of(occurrence), user.id(), true, WriteOrigin.SEED)));
        }
        return out;
    }

    /** An automated process touches the task: only SystemModstamp changes, no outbound message. */
    public SObjectRecord systemTouch(String taskId) {
        return saved(List.of(org.tasks().systemTouch(taskId)));
    }

    /**
     * Creates a task silently, as data that was already there: it may set CreatedDate, LastModifiedDate,
     * CreatedById, LastModifiedById and SystemModstamp (which defaults to LastModifiedDate), and sends no
     * outbound message. OwnerId defaults to the owner given.
     */
    public SObjectRecord seedTask(String ownerUsername, Map<String, ?> fields) {
        User owner = user(ownerUsername);
        return saved(org.tasks().create(List.of(input(fields, owner)), owner.id(), true, WriteOrigin.SEED));
    }

    /** A task by 15- or 18-character id, deleted ones included. */
    public Optional<SObjectRecord> task(String taskId) {
        return org.tasks().find(taskId);
    }

    /** Live tasks, in creation order. */
    public List<SObjectRecord> tasks() {
        return org.tasks().rows(false);
    }

    /** All tasks including those in the recycle bin. */
    public List<SObjectRecord> allTasks() {
        return org.tasks().rows(true);
    }

    // ------------------------------------------------------------------ outbound messages and limits

    /** The org-wide outbound message endpoint (null: none, no messages are sent). */
    public void setOutboundEndpoint(URI endpoint) {
        org.setOrgEndpoint(checked(endpoint));
    }

    /** An endpoint for tasks owned by this user only (null removes it; the org's endpoint applies again). */
    public void setOutboundEndpoint(String usernameOrId, URI endpoint) {
        org.setUserEndpoint(user(usernameOrId).id(), checked(endpoint));
    }

    public ApiUsageMeter.Usage apiUsage() {
        return org.usage().usage();
    }

    public void setDailyApiLimit(long limit) {
        org.usage().setLimit(limit);
    }

    Org org() {
        return org;
    }

    private Map<String, Object> input(Map<String, ?> fields, User user) {
        Map<String, Object> resolved = RelativeTimes.resolve(fields, org.taskSchema(), clock, zone(user));
        try {
            return RecordInput.fromJava(resolved, org.taskSchema());
        } catch (ApiRequestException e) {
            throw new TaskWriteException(List.of(new SaveError(e.errorCode(), e.getMessage(), e.fields())));
        }
    }

    private static ZoneId zone(User user) {
        try {
            return ZoneId.of(user.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private SObjectRecord saved(List<WriteOutcome> outcomes) {
        WriteOutcome outcome = outcomes.get(0);
        if (outcome instanceof WriteOutcome.Failed failed) {
            throw new TaskWriteException(failed.errors());
        }
        return org.tasks().find(outcome.id()).orElseThrow();
    }

    private static URI checked(URI endpoint) {
        if (endpoint != null && !"http".equalsIgnoreCase(endpoint.getScheme())
                && !"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("an outbound endpoint is an http(s) URL");
        }
        return endpoint;
    }
}
