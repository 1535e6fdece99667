package com.salesconnect.tasksync.emulator.org;

import com.salesconnect.tasksync.emulator.ids.IdGenerator;
import com.salesconnect.tasksync.emulator.ids.KeyPrefix;
import com.salesconnect.tasksync.emulator.ids.SalesforceIds;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.PicklistValue;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.emulator.sobject.TaskSchema;
import com.salesconnect.tasksync.emulator.sobject.TaskTable;
import com.salesconnect.tasksync.emulator.sobject.UserLookup;
import com.salesconnect.tasksync.emulator.sobject.WriteOrigin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The state of one emulated org: users, Task rows, TaskStatus values, API usage and outbound endpoints. */
public final class Org {

    /** Hears about tasks created or edited in an org (outbound messaging listens). */
    @FunctionalInterface
    public interface Listener {
        void changed(Org org, List<SObjectRecord> records, WriteOrigin origin);
    }

    /** What the emulator needs to build an org beyond its seed. */
    public record Settings(Clock clock, IdGenerator ids, long dailyApiLimit, boolean auditFieldsOnCreate,
                           Duration recycleBinRetention, Listener listener) {
    }

    private final String id;
    private final String name;
    private final List<User> users;
    private final ObjectSchema taskSchema;
    private final List<SObjectRecord> taskStatuses;
    private final TaskTable tasks;
    private final ApiUsageMeter usage;
    private final String outboundActionId;
    private final Map<String, URI> userEndpoints = new ConcurrentHashMap<>();
    private volatile URI orgEndpoint;

    public Org(OrgSeed seed, Settings settings) {
        this.id = settings.ids().next(KeyPrefix.ORGANIZATION);
        this.name = seed.name();
        List<User> seeded = new ArrayList<>();
        for (UserSeed u : seed.users()) {
            seeded.add(new User(settings.ids().next(KeyPrefix.USER), id, u.username(), u.firstName(), u.lastName(),
                    u.email(), u.password(), u.timeZone(), true, u.viewAllData()));
        }
        this.users = List.copyOf(seeded);
        this.taskSchema = TaskSchema.task(seed.taskStatuses());
        this.taskStatuses = statusRows(seed.taskStatuses(), settings);
        this.tasks = new TaskTable(taskSchema, settings.clock(), settings.ids(), this::userState,
                settings.auditFieldsOnCreate(), settings.recycleBinRetention(),
                (records, origin) -> settings.listener().changed(this, records, origin));
        this.usage = new ApiUsageMeter(settings.clock(), settings.dailyApiLimit());
        this.outboundActionId = settings.ids().next(KeyPrefix.OUTBOUND_ACTION);
    }

    private List<SObjectRecord> statusRows(List<PicklistValue> values, Settings settings) {
        Instant created = settings.clock().instant().minus(Duration.ofDays(365));
        String admin = users.get(0).id();
        List<SObjectRecord> rows = new ArrayList<>();
        int order = 1;
        for (PicklistValue v : values) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", settings.ids().next(KeyPrefix.TASK_STATUS));
            row.put("MasterLabel", v.label());
            row.put("ApiName", v.value());
            row.put("SortOrder", order++);
            row.put("IsDefault", v.isDefault());
            row.put("IsClosed", v.closed());
            row.put("CreatedById", admin);
            row.put("CreatedDate", created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            row.put("LastModifiedById", admin);
            row.put("LastModifiedDate", created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            row.put("SystemModstamp", created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            rows.add(new SObjectRecord(TaskSchema.TASK_STATUS, row));
        }
        return List.copyOf(rows);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<User> users() {
        return users;
    }

    /** The org's admin: the first seeded user, who outbound messages are sent as. */
    public User admin() {
        return users.get(0);
    }

    /** A user by 15/18-character id or by username (case-insensitive). */
    public Optional<User> user(String idOrUsername) {
        if (idOrUsername == null) {
            return Optional.empty();
        }
        Optional<String> asId = SalesforceIds.normalize(idOrUsername);
        return users.stream().filter(u -> asId.map(u.id()::equals).orElse(false)
                || u.username().equalsIgnoreCase(idOrUsername)).findFirst();
    }

    public ObjectSchema taskSchema() {
        return taskSchema;
    }

    public List<SObjectRecord> taskStatuses() {
        return taskStatuses;
    }

    public TaskTable tasks() {
        return tasks;
    }

    public ApiUsageMeter usage() {
        return usage;
    }

    public String outboundActionId() {
        return outboundActionId;
    }

    /** Where outbound messages for a task owned by this user go: the user's own endpoint, else the org's. */
    public Optional<URI> outboundEndpointFor(String ownerId) {
        URI own = ownerId == null ? null : userEndpoints.get(ownerId);
        return Optional.ofNullable(own != null ? own : orgEndpoint);
    }

    public void setOrgEndpoint(URI endpoint) {
        this.orgEndpoint = endpoint;
    }

    public void setUserEndpoint(String userId, URI endpoint) {
        if (endpoint == null) {
            userEndpoints.remove(userId);
        } else {
            userEndpoints.put(userId, endpoint);
        }
    }

    private UserLookup.State userState(String userId) {
        return users.stream().filter(u -> u.id().equals(userId)).findFirst()
                .map(u -> u.active() ? UserLookup.State.ACTIVE : UserLookup.State.INACTIVE)
                .orElse(UserLookup.State.UNKNOWN);
    }
}
