package com.salesconnect.tasksync.deploy.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.deploy.Template;
import com.salesconnect.tasksync.emulator.MutableClock;
import com.salesconnect.tasksync.emulator.org.OrgSeed;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.org.UserSeed;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.wiring.EventFiles;
import com.salesconnect.tasksync.wiring.LiveSync;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the deployed functions find when they run as processes of their own (their jar under AWS's runtime
 * interface client): the template's resources on an AWS engine, the Salesforce emulator on a running clock, and
 * demo connected and syncing, as the files in {@code events/} presuppose. Gives each function the environment the
 * template declares for it, and each file of {@code events/} made fresh for one run (new ids, times of now), so
 * every run of a function does the same work on its main path rather than meeting a duplicate.
 */
public final class FunctionWorld implements AutoCloseable {

    public static final String ENABLE_SYNC = "EnableSyncFunction";
    public static final String INBOUND = "SalesforceInboundFunction";
    public static final String OUTBOUND = "TaskStreamOutboundFunction";
    public static final String SWEEP = "ReconciliationSweepFunction";

    /** What the Lambda runtime itself sets, beside the template's variables. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("AWS_REGION", "AWS_ENDPOINT_URL",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    private static final DateTimeFormatter STORED_INSTANT = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Orgs of one user each, taken in turn by {@link #sweepOfOneNewSalesforceTask()}: a sweep re-reads 2 minutes of
     * its org's changes (SweepService.OVERLAP), so a cold sweep in an org of its own meets only the task made for it.
     * After 100 they are taken again (the 50th round of a cold and a warm sweep, the 25th of an A/B run); by then the
     * first one's last task is minutes old, outside the overlap.
     */
    static final int SWEEP_ORGS = 100;

    public final LiveSync live;
    private int serial;
    private int sweeps;

    private FunctionWorld(LiveSync live) {
        this.live = live;
    }

    /**
     * Starts the emulator on the wall clock, with demo's org and the {@link #SWEEP_ORGS} orgs of the sweep's cold
     * starts, and connects demo (webhook token of events/, sync on, first sync).
     */
    public static FunctionWorld start(AwsResources aws) {
        SeedData seed = SeedData.demo();
        List<OrgSeed> orgs = new ArrayList<>(seed.orgs());
        for (int n = 1; n <= SWEEP_ORGS; n++) {
            orgs.add(new OrgSeed("Sweep Org " + n, List.of(new UserSeed(sweeperUsername(n), "Sweep", "User " + n,
                    sweeperUsername(n), "sweeper-password", "Europe/Berlin", true))));
        }
        LiveSync live = LiveSync.start(aws, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                config -> config.withClock(MutableClock.system()).withSeed(seed.withOrgs(orgs)));
        try {
            live.demoSyncing();
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        return new FunctionWorld(live);
    }

    /** The variables template.yaml gives {@code function}, plus those Lambda sets, pointed at this world. */
    public Map<String, String> environment(Template.Function function) {
        Map<String, String> env = new LinkedHashMap<>();
        live.environment.forEach((name, value) -> {
            if (function.environment().contains(name) || RUNTIME_VARIABLES.contains(name)) {
                env.put(name, value);
            }
        });
        return env;
    }

    /**
     * The event a function's cold start is measured with, fresh for this run: GET /settings/task-sync,
     * an outbound message about a task just created in Salesforce, the stream record of a task just created in
     * Sales Connect (stored first, as the stream implies), and a UserSweepRequested of a user with one new
     * Salesforce task ({@link #sweepOfOneNewSalesforceTask()}).
     */
    public String coldStartEvent(String logicalId) {
        return switch (logicalId) {
            case ENABLE_SYNC -> EventFiles.text("enable-sync/get-settings.json");
            case INBOUND -> outboundMessageAboutANewTask();
            case OUTBOUND -> insertOfANewTask();
            case SWEEP -> sweepOfOneNewSalesforceTask();
            default -> throw new IllegalArgumentException("no function " + logicalId);
        };
    }

    /** events/salesforce-inbound/outbound-message.json about a task demo creates in Salesforce now. */
    public String outboundMessageAboutANewTask() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", "Call Ada about the renewal " + (++serial));
        fields.put("ActivityDate", "2026-11-25");
        fields.put("Priority", "High");
        fields.put("Description", "She asked for the new price list.");
        fields.put("TaskSubtype", "Call");
        SObjectRecord task = live.salesforce.org().createTask(LiveSync.SF_USERNAME, fields);
        ObjectNode event = read("salesforce-inbound/outbound-message.json");
        String at = task.instant("SystemModstamp").truncatedTo(ChronoUnit.MILLIS).toString();
        String body = event.get("body").asText()
                .replaceAll("<OrganizationId>[^<]*</OrganizationId>",
                        "<OrganizationId>" + live.orgId() + "</OrganizationId>")
                .replaceAll("<sf:Id>[^<]*</sf:Id>", "<sf:Id>" + SalesforceIds.to18(task.id()) + "</sf:Id>")
                .replaceAll("<sf:OwnerId>[^<]*</sf:OwnerId>",
                        "<sf:OwnerId>" + live.sfUserId(LiveSync.SF_USERNAME) + "</sf:OwnerId>")
                .replaceAll("<sf:Subject>[^<]*</sf:Subject>", "<sf:Subject>" + fields.get("Subject") + "</sf:Subject>")
                .replaceAll("<sf:(CreatedDate|LastModifiedDate|SystemModstamp)>[^<]*</sf:",
                        "<sf:$1>" + at + "</sf:");
        event.put("body", body);
        return event.toString();
    }

    /** The sf id of the task the last {@link #outboundMessageAboutANewTask()} was about, as the sync names it. */
    public static String importedTaskId(String outboundMessageEvent) {
        String body = tree(outboundMessageEvent).get("body").asText();
        int start = body.indexOf("<sf:Id>") + "<sf:Id>".length();
        return "sf-" + body.substring(start, body.indexOf("</sf:Id>", start));
    }

    /** events/task-stream-outbound/insert.json for a new task of demo, created now and stored in the table. */
    public String insertOfANewTask() {
        ObjectNode event = read("task-stream-outbound/insert.json");
        String taskId = "sc-task-insert-" + Instant.now().toEpochMilli() + "-" + (++serial);
        String now = STORED_INSTANT.format(Instant.now());
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        ObjectNode stream = (ObjectNode) record.get("dynamodb");
        ((ObjectNode) stream.get("Keys").get("taskId")).put("S", taskId);
        ObjectNode image = (ObjectNode) stream.get("NewImage");
        ((ObjectNode) image.get("taskId")).put("S", taskId);
        ((ObjectNode) image.get("createdAt")).put("S", now);
        ((ObjectNode) image.get("updatedAt")).put("S", now);
        stream.put("SequenceNumber", String.valueOf(4421584500000000000L + serial));
        stream.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        live.aws.dynamoDb().putItem(r -> r.tableName(live.environment.get("TASKS_TABLE")).item(item(image)));
        return event.toString();
    }

    /** The Sales Connect task id of an {@link #insertOfANewTask()} event. */
    public static String insertedTaskId(String insertEvent) {
        return tree(insertEvent).at("/Records/0/dynamodb/Keys/taskId/S").asText();
    }

    /**
     * A UserSweepRequested for a user whose sweep has exactly one new task to import from Salesforce, the same work
     * every time: the next of the sweep's own orgs ({@link #SWEEP_ORGS}), its user connected the first time (sync on,
     * first sync run in-process) and swept in-process, then one task created there. Demo's org would not do: the
     * sweep re-reads what its org changed in the last 2 minutes, and there the other functions' cold starts of the
     * same run change more with every round (infra/bench/README.md, "Measured (2026-12-07 20:59-21:55)").
     */
    public String sweepOfOneNewSalesforceTask() {
        int n = sweeps++ % SWEEP_ORGS + 1;
        UserId user = UserId.of(sweeperUser(n));
        if (live.components.stores().settings().get(user).isEmpty()) {
            live.connect(user.value(), sweeperUsername(n), LiveSync.EVENTS_BASE_URL);
            live.components.settingsService().enable(user, ZoneId.of("Europe/Berlin"));
        }
        live.components.sweepService().runForUser(user);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Subject", "Send Ada the renewal quote " + (++serial));
        fields.put("ActivityDate", "2026-11-26");
        live.salesforce.org(sweepOrgId(n)).createTask(sweeperUsername(n), fields);
        return userSweepRequested(user.value());
    }

    /** The Sales Connect user of the sweep's n-th org (1-based). */
    static String sweeperUser(int n) {
        return "sweeper-" + n;
    }

    /** The id of the sweep's n-th org (1-based; demo's org is the 0th). */
    String sweepOrgId(int n) {
        return live.salesforce.orgs().get(n).id();
    }

    private static String sweeperUsername(int n) {
        return "sweeper-" + n + "@example.com";
    }

    /** events/reconciliation-sweep/user-sweep-requested.json, scheduled now. */
    public String userSweepRequested() {
        return userSweepRequested(LiveSync.USER);
    }

    /** {@link #userSweepRequested()} naming {@code userId} where the file names demo. */
    public String userSweepRequested(String userId) {
        ObjectNode event = read("reconciliation-sweep/user-sweep-requested.json");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        event.put("time", now);
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("scheduledAt", now);
        ArrayNode users = (ArrayNode) detail.get("userIds");
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).asText().equals(LiveSync.USER)) {
                users.set(i, userId);
            }
        }
        return event.toString();
    }

    /** The task Salesforce holds for a Sales Connect task of demo, through its link. */
    public java.util.Optional<SObjectRecord> salesforceTaskOf(String taskId) {
        return live.components.stores().links().get(UserId.of(LiveSync.USER), TaskId.of(taskId))
                .filter(l -> l.sfId() != null).flatMap(l -> live.salesforce.org().task(l.sfId()));
    }

    static ObjectNode read(String file) {
        return (ObjectNode) tree(EventFiles.text(file));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream image's attributes (S, N, BOOL, NULL: what task items hold) as the SDK writes them. */
    private static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            AttributeValue attribute;
            if (value.has("S")) {
                attribute = AttributeValue.fromS(value.get("S").asText());
            } else if (value.has("N")) {
                attribute = AttributeValue.fromN(value.get("N").asText());
            } else if (value.has("BOOL")) {
                attribute = AttributeValue.fromBool(value.get("BOOL").asBoolean());
            } else if (value.has("NULL")) {
                attribute = AttributeValue.fromNul(true);
            } else {
                throw new IllegalArgumentException("attribute " + field.getKey() + " of an unexpected type");
            }
            item.put(field.getKey(), attribute);
        });
        return item;
    }

    @Override
    public void close() {
        live.close();
    }
}
