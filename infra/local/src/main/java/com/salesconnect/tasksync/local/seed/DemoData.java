package com.salesconnect.tasksync.local.seed;

import com.salesconnect.tasksync.emulator.org.ConnectedApp;
import com.salesconnect.tasksync.emulator.org.OrgSeed;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.org.TaskSeed;
import com.salesconnect.tasksync.emulator.org.UserSeed;
import com.salesconnect.tasksync.task.Priority;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;
import com.salesconnect.tasksync.task.TaskType;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a local run starts with. The emulated org "Demo Org" has two users, {@code demo@example.com} (password
 * {@code demo}) and {@code sam@example.com} (password {@code sam}), both in UTC. Sales Connect user {@code demo} is
 * connected to {@code demo@example.com} at start; {@code sam} is not connected.
 *
 * <p>demo's Salesforce tasks, by last change and due date (dates in UTC, the Command Center's default zone):
 * changed 2 h ago due today, 10 h ago due tomorrow, 6 h ago due next week and 23 h ago without a due date (all
 * four imported by the first sync, the first two shown on the Command Center); changed 30 h ago due tomorrow and
 * 3 days ago due today (older than 24 hours: not imported). demo's Sales Connect tasks created before any sync
 * (never pushed to Salesforce) are due in three days, yesterday and never, so the Command Center starts empty.
 */
public final class DemoData {

    public static final String SC_USER = "demo";
    public static final String SF_USERNAME = "demo@example.com";
    public static final String SF_PASSWORD = "demo";
    public static final String SECOND_SF_USERNAME = "sam@example.com";
    public static final String SECOND_SF_PASSWORD = "sam";

    /** A seeded Salesforce task: its subject and whether the first sync imports it. */
    public record SeededTask(String subject, boolean imported, LocalDate due) {
    }

    private final LocalDate today;

    public DemoData(Clock clock) {
        this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public List<SeededTask> salesforceTasks() {
        return List.of(
                new SeededTask("Call Ada about the renewal", true, today),
                new SeededTask("Send the proposal to Grace", true, today.plusDays(1)),
                new SeededTask("Book the quarterly review", true, today.plusDays(7)),
                new SeededTask("Read the competitor report", true, null),
                new SeededTask("Chase the signed order form", false, today.plusDays(1)),
                new SeededTask("Update the account plan", false, today));
    }

    /** The emulator's seed: the demo org, its users and demo's tasks with their ages. */
    public SeedData emulatorSeed() {
        List<String> ages = List.of("NOW-2h", "NOW-10h", "NOW-6h", "NOW-23h", "NOW-30h", "NOW-3d");
        List<SeededTask> tasks = salesforceTasks();
        List<TaskSeed> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Subject", tasks.get(i).subject());
            if (tasks.get(i).due() != null) {
                fields.put("ActivityDate", tasks.get(i).due().toString());
            }
            fields.put("Priority", i == 0 ? "High" : "Normal");
            fields.put("TaskSubtype", i == 0 ? "Call" : i == 1 ? "Email" : "Task");
            fields.put("CreatedDate", ages.get(i));
            fields.put("LastModifiedDate", ages.get(i));
            fields.put("SystemModstamp", ages.get(i));
            seeds.add(new TaskSeed(SF_USERNAME, fields));
        }
        OrgSeed org = new OrgSeed("Demo Org", List.of(
                new UserSeed(SF_USERNAME, "Demo", "User", SF_USERNAME, SF_PASSWORD, "UTC", true),
                new UserSeed(SECOND_SF_USERNAME, "Sam", "Seller", SECOND_SF_USERNAME, SECOND_SF_PASSWORD, "UTC")))
                .withTasks(seeds);
        return new SeedData(ConnectedApp.demo(), List.of(org));
    }

    /** demo's Sales Connect tasks that exist before sync is ever enabled. */
    public List<TaskFields> salesConnectTasks() {
        return List.of(
                TaskFields.todo("Prepare the pitch deck").with(Field.DUE_DATE, today.plusDays(3))
                        .with(Field.PRIORITY, Priority.HIGH),
                TaskFields.todo("Call back Linus").with(Field.DUE_DATE, today.minusDays(1))
                        .with(Field.TYPE, TaskType.CALL),
                TaskFields.todo("Ideas for the newsletter").with(Field.NOTES, "Written before sync was enabled"));
    }
}
