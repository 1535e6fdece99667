package com.salesconnect.tasksync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.SalesforceHttp.Replay;
import com.salesconnect.tasksync.salesforce.SalesforceTransport.Request;
import com.salesconnect.tasksync.salesforce.SalesforceTransport.Response;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskStatus;
import com.salesconnect.tasksync.task.TaskStatuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@link SalesforceApi} over Salesforce's REST API for one connection.
 *
 * <p>Every call takes the token from the {@link SalesforceSession}; a 401 renews it once and replays the call.
 * Retryable failures are retried by {@link SalesforceHttp}; records of a collection call that failed with
 * {@code UNABLE_TO_LOCK_ROW} are sent again, alone, within the same bound.
 *
 * <p>A call of more than {@value #COLLECTION_LIMIT} creates or updates is sent as several requests; deletes go up to
 * {@value SalesforceApi#DELETES_PER_CALL} a call as the parts of one {@code composite} request. When a later request
 * (or part) fails, the results answered before are returned and the records not answered have none (null); the
 * exception is thrown only when nothing was answered.
 */
public final class HttpSalesforceApi implements SalesforceApi {

    /** Records per {@code composite/sobjects} request: Salesforce's limit. */
    public static final int COLLECTION_LIMIT = 200;

    /**
     * sObject Collections and query subrequests in one {@code composite} request: Salesforce's limit. The whole
     * request counts as one API call, so deletes ({@value SalesforceApi#DELETES_PER_CALL} a call) and reads by id
     * ({@link #queryAllPages}) go in fives.
     */
    static final int COMPOSITE_PARTS = 5;

    /**
     * How long an org that answered REQUEST_LIMIT_EXCEEDED is left alone. Salesforce counts the daily limit over
     * a rolling 24 hours and says nothing about when capacity returns; an hour lets that window roll on while
     * keeping rejected calls (which the org's admins see) few, and delays the sync by at most one hour once
     * calls are accepted again.
     */
    public static final Duration LIMIT_BACKOFF = Duration.ofHours(1);

    /** The replication resources refuse a start more than 30 days back. */
    static final Duration REPLICATION_WINDOW = Duration.ofDays(30);

    /** How long an org's TaskStatus picklist is trusted before it is read again. */
    static final Duration STATUS_CACHE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(HttpSalesforceApi.class);
    private static final Pattern VERSION = Pattern.compile("v?([1-9][0-9]*\\.[0-9])");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern QUERY_LOCATOR =
            Pattern.compile("/services/data/v[0-9]+\\.[0-9]+/query(All)?/[A-Za-z0-9-]{1,100}");
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[\\s,;])api-usage=(\\d+)/(\\d+)");
    private static final Soql VIEW_ALL_QUERY = Soql.of("SELECT PermissionsViewAllData FROM UserPermissionAccess");
    private static final Soql TASK_STATUS_QUERY =
            Soql.of("SELECT ApiName, IsClosed, IsDefault FROM TaskStatus ORDER BY SortOrder");

    private final SalesforceHttp http;
    private final SfJson json;
    private final SalesforceSession session;
    private final String dataPath;
    private final AtomicReference<ApiUsage> usage;
    private final AtomicReference<CachedStatuses> statuses;
    private final Deadline deadline;
    /** Told of every request sent and what its answer reported; null when nothing counts them. */
    private final Counter counter;

    /** Counts requests for the org's API budget (see {@link ApiCallMeter}). */
    public interface Counter {
        void counted(ApiUsage reported);
    }

    private record CachedStatuses(TaskStatuses statuses, Instant readAt) {
    }

    public HttpSalesforceApi(SalesforceHttp http, SalesforceSession session, String apiVersion) {
        this.http = Objects.requireNonNull(http, "http");
        this.json = http.json();
        this.session = Objects.requireNonNull(session, "session");
        Matcher m = VERSION.matcher(Objects.requireNonNull(apiVersion, "apiVersion"));
        if (!m.matches()) {
            throw new IllegalArgumentException("apiVersion must look like 62.0");
        }
        this.dataPath = "/services/data/v" + m.group(1);
        this.usage = new AtomicReference<>();
        this.statuses = new AtomicReference<>();
        this.deadline = Deadline.NONE;
        this.counter = null;
    }

    private HttpSalesforceApi(HttpSalesforceApi shared, Deadline deadline, Counter counter) {
        this.http = shared.http;
        this.json = shared.json;
        this.session = shared.session;
        this.dataPath = shared.dataPath;
        this.usage = shared.usage;
        this.statuses = shared.statuses;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.counter = counter;
    }

    /** This API (same session, usage and picklist cache) for one piece of work that must end by {@code limit}. */
    public HttpSalesforceApi within(Deadline limit) {
        return new HttpSalesforceApi(this, limit, counter);
    }

    /** This API with every request it sends counted by {@code counter}. */
    public HttpSalesforceApi countedBy(Counter counter) {
        return new HttpSalesforceApi(this, deadline, Objects.requireNonNull(counter, "counter"));
    }

    // ---- writes -------------------------------------------------------------------------------------------

    @Override
    public List<SaveResult> create(List<SfWrite> writes) {
        for (SfWrite w : writes) {
            if (w.id() != null) {
                throw new IllegalArgumentException("a create carries no id");
            }
            checkFields(w);
        }
        return withLockRetry("create", writes, COLLECTION_LIMIT,
                chunk -> saveChunk("create", "POST", chunk, Replay.ONLY_IF_NOT_SENT));
    }

    @Override
    public List<SaveResult> update(List<SfWrite> writes) {
        for (SfWrite w : writes) {
            requireId(w.id());
            checkFields(w);
        }
        return withLockRetry("update", writes, COLLECTION_LIMIT,
                chunk -> saveChunk("update", "PATCH", chunk, Replay.SAFE));
    }

    @Override
    public List<SaveResult> delete(List<SalesforceId> sfIds) {
        List<String> ids = sfIds.stream().map(SalesforceId::value).toList();
        ids.forEach(HttpSalesforceApi::requireId);
        return withLockRetry("delete", ids, DELETES_PER_CALL, this::deleteCall);
    }

    /**
     * One call: up to {@value #COLLECTION_LIMIT} ids as a collection request of their own, more as the parts of one
     * {@code composite} request. A part Salesforce did not answer with results leaves its ids without one (null:
     * not known to be deleted) when another part was answered; when none was, the call fails as a request of its
     * own would.
     */
    private List<SaveResult> deleteCall(List<String> ids) {
        if (ids.size() <= COLLECTION_LIMIT) {
            return deleteChunk(ids);
        }
        ObjectNode body = json.object();
        body.put("allOrNone", false);
        ArrayNode requests = body.putArray("compositeRequest");
        List<List<String>> parts = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += COLLECTION_LIMIT) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + COLLECTION_LIMIT));
            requests.addObject().put("method", "DELETE").put("url", deletePath(part))
                    .put("referenceId", "delete" + parts.size());
            parts.add(part);
        }
        Response response = call("delete", "POST", dataPath + "/composite", json.write(body), Replay.SAFE);
        Map<String, JsonNode> answers = compositeParts("delete", response, parts.size(), "delete");
        List<SaveResult> results = new ArrayList<>(ids.size());
        SalesforceException firstFailure = null;
        boolean answered = false;
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = answers.get("delete" + i);
            int status = part.path("httpStatusCode").asInt();
            List<String> partIds = parts.get(i);
            if (status / 100 == 2) {
                results.addAll(readResults("delete", part.path("body"), partIds, partIds));
                answered = true;
            } else {
                // A subrequest's 5xx is not retried by SalesforceHttp: what it did, if anything, is not known.
                SalesforceException failed = status / 100 == 5
                        ? new SalesforceUnavailableException("Salesforce delete answered HTTP " + status, null)
                        : failure("delete", status, part.path("body").toString());
                firstFailure = firstFailure != null ? firstFailure : failed;
                partIds.forEach(id -> results.add(null));
            }
        }
        if (!answered) {
            throw firstFailure;
        }
        return results;
    }

    private List<SaveResult> saveChunk(String operation, String method, List<SfWrite> chunk, Replay replay) {
        ObjectNode body = json.object();
        body.put("allOrNone", false);
        ArrayNode records = body.putArray("records");
        chunk.forEach(w -> records.add(json.record(w.fields(), w.id())));
        Response response = call(operation, method, dataPath + "/composite/sobjects",
                json.write(body), replay);
        List<String> refs = chunk.stream().map(SfWrite::ref).toList();
        List<String> knownIds = chunk.stream().map(SfWrite::id).toList();
        return readResults(operation, response, refs, knownIds);
    }

    private List<SaveResult> deleteChunk(List<String> chunk) {
        Response response = call("delete", "DELETE", deletePath(chunk), null, Replay.SAFE);
        return readResults("delete", response, chunk, chunk);
    }

    private String deletePath(List<String> ids) {
        return dataPath + "/composite/sobjects?ids=" + String.join(",", ids) + "&allOrNone=false";
    }

    /**
     * The subrequests' answers of a {@code composite} response by reference id; each of {@code prefix}0 to
     * {@code prefix}(count - 1) must be there.
     */
    private Map<String, JsonNode> compositeParts(String operation, Response response, int count, String prefix) {
        List<String> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refs.add(prefix + i);
        }
        return compositeParts(operation, response, refs);
    }

    /**
     * GET subrequests (reference id to URL, in order) as one {@code composite} request, one API call; their answers
     * by reference id. A subrequest's failure is in its answer, for the caller to judge ({@link #subBody}).
     */
    private Map<String, JsonNode> compositeGets(String operation, Map<String, String> urls) {
        ObjectNode body = json.object();
        body.put("allOrNone", false);
        ArrayNode requests = body.putArray("compositeRequest");
        urls.forEach((ref, url) -> requests.addObject().put("method", "GET").put("url", url).put("referenceId", ref));
        Response response = call(operation, "POST", dataPath + "/composite", json.write(body), Replay.SAFE);
        return compositeParts(operation, response, List.copyOf(urls.keySet()));
    }

    /** The subrequests' answers of a {@code composite} response by reference id, each of {@code refs} present. */
    private Map<String, JsonNode> compositeParts(String operation, Response response, List<String> refs) {
        return readJson(operation, () -> {
            Map<String, JsonNode> byRef = new HashMap<>();
            for (JsonNode part : json.read(response.body()).path("compositeResponse")) {
                byRef.put(SfJson.text(part, "referenceId"), part);
            }
            if (!byRef.keySet().containsAll(refs)) {
                throw new SfJson.UnreadableResponse("a composite answer lacks a subrequest's response");
            }
            return byRef;
        });
    }

    private List<SaveResult> readResults(String operation, Response response, List<String> refs,
                                         List<String> knownIds) {
        return readJson(operation, () -> readResults(operation, json.read(response.body()), refs, knownIds));
    }

    private List<SaveResult> readResults(String operation, JsonNode array, List<String> refs,
                                         List<String> knownIds) {
        return readJson(operation, () -> {
            if (!array.isArray() || array.size() != refs.size()) {
                throw new SfJson.UnreadableResponse("expected " + refs.size() + " results");
            }
            List<SaveResult> results = new ArrayList<>(refs.size());
            for (int i = 0; i < refs.size(); i++) {
                JsonNode r = array.get(i);
                if (r.path("success").asBoolean(false)) {
                    String id = SfJson.text(r, "id");
                    results.add(new SaveResult.Saved(refs.get(i), id != null ? id : knownIds.get(i)));
                } else {
                    List<SfError> errors = new ArrayList<>();
                    r.path("errors").forEach(e -> errors.add(json.error(e)));
                    results.add(new SaveResult.Failed(refs.get(i), errors));
                }
            }
            logFailures(operation, results);
            return results;
        });
    }

    /**
     * Sends all items, then again only those that failed with UNABLE_TO_LOCK_ROW, until none is locked or the
     * retry policy's attempts are used; a record still locked then stays a Failed result. A request that fails once
     * an earlier one was answered ends the call with the results known (a record never answered, possible only past
     * the first {@value #COLLECTION_LIMIT}, is null): the exception is thrown only when nothing was answered.
     */
    private <T> List<SaveResult> withLockRetry(String operation, List<T> items, int perCall,
                                               Function<List<T>, List<SaveResult>> sendChunk) {
        SaveResult[] results = new SaveResult[items.size()];
        List<Integer> pending = IntStream.range(0, items.size()).boxed().toList();
        int maxAttempts = http.retryPolicy().maxAttempts();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            for (int from = 0; from < pending.size(); from += perCall) {
                List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + perCall));
                List<SaveResult> chunkResults;
                try {
                    chunkResults = sendChunk.apply(chunk.stream().map(items::get).toList());
                } catch (SalesforceException e) {
                    if (Arrays.stream(results).allMatch(Objects::isNull)) {
                        throw e;
                    }
                    // An earlier request of this call was answered: what it made (records with their ids) is
                    // returned, so no caller takes the whole call for refused and makes them again; the records
                    // not answered keep their last result (still locked) or none.
                    LOG.info("Salesforce {}: a later request failed ({}); returning the answered records",
                            operation, e.getClass().getSimpleName());
                    return Arrays.asList(results);
                }
                for (int i = 0; i < chunk.size(); i++) {
                    results[chunk.get(i)] = chunkResults.get(i);
                }
            }
            pending = pending.stream().filter(i -> locked(results[i])).toList();
            if (pending.isEmpty() || attempt >= maxAttempts) {
                break;
            }
            LOG.info("Salesforce {}: {} record(s) locked, retrying them (attempt {}/{})", operation, pending.size(),
                    attempt, maxAttempts);
            http.backOff(operation, attempt);
        }
        return Arrays.asList(results);
    }

    private static boolean locked(SaveResult result) {
        return result instanceof SaveResult.Failed f && f.hasCode("UNABLE_TO_LOCK_ROW");
    }

    private static void logFailures(String operation, List<SaveResult> results) {
        List<String> codes = results.stream()
                .filter(SaveResult.Failed.class::isInstance)
                .flatMap(r -> ((SaveResult.Failed) r).errors().stream().map(SfError::statusCode))
                .toList();
        if (!codes.isEmpty()) {
            LOG.info("Salesforce {}: {} of {} record(s) failed {}", operation,
                    results.stream().filter(SaveResult.Failed.class::isInstance).count(), results.size(), codes);
        }
    }

    private static void checkFields(SfWrite write) {
        for (Map.Entry<String, Object> field : write.fields().entrySet()) {
            String name = field.getKey();
            if (name == null || !FIELD.matcher(name).matches() || name.equalsIgnoreCase("Id")
                    || name.equalsIgnoreCase("attributes")) {
                throw new IllegalArgumentException("not a writable Task field name");
            }
        }
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Salesforce id");
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------

    @Override
    public QueryPage query(Soql soql) {
        return queryPage("query", dataPath + "/query?q=" + encode(soql.text()));
    }

    @Override
    public QueryPage queryAll(Soql soql) {
        return queryPage("queryAll", dataPath + "/queryAll?q=" + encode(soql.text()));
    }

    /**
     * Follows a query locator. Only a locator path on this connection's instance is accepted, so a tampered
     * value can neither send the bearer token to another host nor reach another resource.
     */
    @Override
    public QueryPage nextPage(String nextRecordsUrl) {
        return queryPage("nextPage", locatorPath(nextRecordsUrl));
    }

    private String locatorPath(String nextRecordsUrl) {
        if (nextRecordsUrl == null) {
            throw new IllegalArgumentException("no nextRecordsUrl");
        }
        String path = nextRecordsUrl;
        if (!nextRecordsUrl.startsWith("/")) {
            URI uri;
            try {
                uri = URI.create(nextRecordsUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("nextRecordsUrl is not a query locator of this instance");
            }
            if (!uri.isAbsolute() || !InstanceUrls.sameOrigin(session.token().instanceUrl(), uri)
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("nextRecordsUrl is not a query locator of this instance");
            }
            path = uri.getRawPath();
        }
        if (path == null || !QUERY_LOCATOR.matcher(path).matches()) {
            throw new IllegalArgumentException("nextRecordsUrl is not a query locator of this instance");
        }
        return path;
    }

    /**
     * The first pages of the statements through {@code queryAll}, up to {@value #COMPOSITE_PARTS} a {@code composite}
     * request (one API call); a single statement goes as a request of its own. Any subrequest that fails fails the
     * call, as its own request would.
     */
    @Override
    public List<QueryPage> queryAllPages(List<Soql> statements) {
        if (statements.size() == 1) {
            return List.of(queryAll(statements.get(0)));
        }
        List<QueryPage> pages = new ArrayList<>(statements.size());
        for (int from = 0; from < statements.size(); from += COMPOSITE_PARTS) {
            List<Soql> group = statements.subList(from, Math.min(statements.size(), from + COMPOSITE_PARTS));
            if (group.size() == 1) {
                pages.add(queryAll(group.get(0)));
                continue;
            }
            Map<String, String> urls = new LinkedHashMap<>();
            for (int i = 0; i < group.size(); i++) {
                urls.put("query" + i, dataPath + "/queryAll?q=" + encode(group.get(i).text()));
            }
            Map<String, JsonNode> answers = compositeGets("queryAll", urls);
            for (int i = 0; i < group.size(); i++) {
                JsonNode answer = subBody("queryAll", answers.get("query" + i));
                pages.add(readJson("queryAll", () -> page(answer)));
            }
        }
        return pages;
    }

    private QueryPage queryPage(String operation, String pathAndQuery) {
        Response response = call(operation, "GET", pathAndQuery, null, Replay.SAFE);
        return readJson(operation, () -> page(json.read(response.body())));
    }

    private QueryPage page(JsonNode page) {
        JsonNode records = page.path("records");
        if (!records.isArray()) {
            throw new SfJson.UnreadableResponse("a query answer has no records array");
        }
        List<SfTask> tasks = new ArrayList<>(records.size());
        records.forEach(r -> tasks.add(json.task(r)));
        boolean done = page.path("done").asBoolean(true);
        String next = SfJson.text(page, "nextRecordsUrl");
        return new QueryPage(tasks, page.path("totalSize").asInt(tasks.size()), done, done ? null : next);
    }

    /**
     * Task deletions in [start, end]. The start is moved forward to the 30 days Salesforce allows; when
     * Salesforce refuses it with INVALID_REPLICATION_DATE (its delete log was purged after {@code start}) the
     * start is moved to the {@code earliestDateAvailable} Salesforce reports and the call is made once more.
     * Callers compare their start with {@code earliestDateAvailable} to know whether deletions may have been
     * missed, and continue the next call from {@code latestDateCovered}. A window shorter than Salesforce's
     * minimum (more than one minute) is not sent: it answers no records and {@code latestDateCovered = start}.
     */
    @Override
    public DeletedRecords getDeleted(Instant start, Instant end) {
        Window window = window(start, end);
        if (window.tooShort()) {
            return new DeletedRecords(List.of(), null, window.start());
        }
        try {
            return fetchDeleted(window);
        } catch (SalesforceRequestException e) {
            if (e.errors().stream().noneMatch(err -> "INVALID_REPLICATION_DATE".equals(err.statusCode()))) {
                throw e;
            }
            Instant earliest = earliestDeletionAvailable();
            if (earliest == null || !earliest.isAfter(window.start())) {
                throw e;
            }
            LOG.info("Salesforce getDeleted: start moved to the delete log's earliest date");
            Window later = window(earliest, end);
            if (later.tooShort()) {
                return new DeletedRecords(List.of(), earliest, later.start());
            }
            return fetchDeleted(later);
        }
    }

    /** Task ids created or updated in [start, end]; same window rules as {@link #getDeleted}. */
    @Override
    public UpdatedRecords getUpdated(Instant start, Instant end) {
        Window window = window(start, end);
        if (window.tooShort()) {
            return new UpdatedRecords(List.of(), window.start());
        }
        Response response = call("getUpdated", "GET", replicationPath("updated", window), null,
                Replay.SAFE);
        return readJson("getUpdated", () -> updatedRecords(json.read(response.body())));
    }

    /** One query of {@code UserPermissionAccess}, the caller's own effective permissions (one row). */
    @Override
    public boolean seesAllTasks() {
        Response response = call("seesAllTasks", "GET", viewAllPath(), null, Replay.SAFE);
        return readJson("seesAllTasks", () -> viewAllData(json.read(response.body())));
    }

    /**
     * getUpdated, getDeleted and the View All Data check as the subrequests of one {@code composite} request: one
     * API call. A delete log that no longer reaches back to {@code start} (INVALID_REPLICATION_DATE) is read again
     * through {@link #getDeleted}, which moves the start; any other failed subrequest fails the whole look.
     */
    @Override
    public OrgChanges orgChanges(Instant start, Instant end) {
        Window window = window(start, end);
        if (window.tooShort()) {
            return new OrgChanges(new UpdatedRecords(List.of(), window.start()),
                    new DeletedRecords(List.of(), null, window.start()), seesAllTasks());
        }
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("updated", replicationPath("updated", window));
        urls.put("deleted", replicationPath("deleted", window));
        urls.put("access", viewAllPath());
        Map<String, JsonNode> parts = compositeGets("orgChanges", urls);
        JsonNode updatedBody = subBody("orgChanges getUpdated", parts.get("updated"));
        JsonNode accessBody = subBody("orgChanges access", parts.get("access"));
        DeletedRecords deleted = deletedPart("orgChanges getDeleted", parts.get("deleted"), start, end);
        return readJson("orgChanges", () -> new OrgChanges(updatedRecords(updatedBody), deleted,
                viewAllData(accessBody)));
    }

    /**
     * A composite's getDeleted answer; one refused with INVALID_REPLICATION_DATE (the delete log no longer reaches
     * back to {@code start}) is read again through {@link #getDeleted}, which moves the start.
     */
    private DeletedRecords deletedPart(String operation, JsonNode part, Instant start, Instant end) {
        if (part.path("httpStatusCode").asInt() / 100 != 2 && json.errors(part.path("body").toString())
                .stream().anyMatch(err -> "INVALID_REPLICATION_DATE".equals(err.statusCode()))) {
            return getDeleted(start, end);
        }
        JsonNode body = subBody(operation, part);
        return readJson(operation, () -> deletedRecords(body));
    }

    private static UpdatedRecords updatedRecords(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("ids").forEach(id -> ids.add(id.asText()));
        return new UpdatedRecords(ids, SfJson.dateTime(body, "latestDateCovered"));
    }

    /**
     * getUpdated, getDeleted and the query's first page as the subrequests of one {@code composite} request: one API
     * call. The logs' windows are those the separate calls send; where either is too short to send, the three go as
     * their own requests (the short one as none). A delete log that no longer reaches back to {@code deletedStart}
     * (INVALID_REPLICATION_DATE) is read again through {@link #getDeleted}, which moves the start; any other failed
     * subrequest fails the whole look, as its own request would.
     */
    @Override
    public OwnChanges ownChanges(Instant updatedStart, Instant deletedStart, Instant end, Soql query,
                                 boolean includeDeleted) {
        Window updatedWindow = window(updatedStart, end);
        Window deletedWindow = window(deletedStart, end);
        if (updatedWindow.tooShort() || deletedWindow.tooShort()) {
            return SalesforceApi.super.ownChanges(updatedStart, deletedStart, end, query, includeDeleted);
        }
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("updated", replicationPath("updated", updatedWindow));
        urls.put("deleted", replicationPath("deleted", deletedWindow));
        urls.put("query", dataPath + (includeDeleted ? "/queryAll?q=" : "/query?q=") + encode(query.text()));
        Map<String, JsonNode> parts = compositeGets("ownChanges", urls);
        JsonNode updatedBody = subBody("ownChanges getUpdated", parts.get("updated"));
        JsonNode queryBody = subBody("ownChanges query", parts.get("query"));
        DeletedRecords deleted = deletedPart("ownChanges getDeleted", parts.get("deleted"), deletedStart, end);
        return readJson("ownChanges", () -> new OwnChanges(updatedRecords(updatedBody), deleted, page(queryBody)));
    }

    private String viewAllPath() {
        return dataPath + "/query?q=" + encode(VIEW_ALL_QUERY.text());
    }

    private JsonNode subBody(String operation, JsonNode part) {
        int status = part.path("httpStatusCode").asInt();
        if (status / 100 != 2) {
            List<SfError> errors = json.errors(part.path("body").toString());
            LOG.warn("Salesforce {} answered HTTP {} {}", operation, status,
                    errors.stream().map(SfError::statusCode).toList());
            throw new SalesforceRequestException(status, errors);
        }
        return part.path("body");
    }

    private static boolean viewAllData(JsonNode page) {
        JsonNode records = page.path("records");
        if (!records.isArray()) {
            throw new SfJson.UnreadableResponse("a query answer has no records array");
        }
        return records.size() > 0 && records.get(0).path("PermissionsViewAllData").asBoolean(false);
    }

    private DeletedRecords fetchDeleted(Window window) {
        Response response = call("getDeleted", "GET", replicationPath("deleted", window), null,
                Replay.SAFE);
        return readJson("getDeleted", () -> deletedRecords(json.read(response.body())));
    }

    private static DeletedRecords deletedRecords(JsonNode body) {
        List<DeletedRecord> deleted = new ArrayList<>();
        for (JsonNode r : body.path("deletedRecords")) {
            String id = SfJson.text(r, "id");
            if (id == null) {
                throw new SfJson.UnreadableResponse("a deleted record has no id");
            }
            deleted.add(new DeletedRecord(id, SfJson.dateTime(r, "deletedDate")));
        }
        return new DeletedRecords(deleted, SfJson.dateTime(body, "earliestDateAvailable"),
                SfJson.dateTime(body, "latestDateCovered"));
    }

    /** Asks for the last few minutes only to learn the delete log's earliestDateAvailable. */
    private Instant earliestDeletionAvailable() {
        Instant now = http.clock().instant();
        return fetchDeleted(window(now.minus(Duration.ofMinutes(3)), now)).earliestDateAvailable();
    }

    private record Window(Instant start, Instant end) {
        /** Salesforce wants start to precede end by more than a minute (seconds are ignored). */
        boolean tooShort() {
            return !end.isAfter(start.plus(Duration.ofMinutes(1)));
        }
    }

    private Window window(Instant start, Instant end) {
        Instant now = http.clock().instant();
        // One minute of margin, so that the clamped start is still inside the window when Salesforce checks it.
        Instant oldest = now.minus(REPLICATION_WINDOW).plus(Duration.ofMinutes(1));
        Instant from = (start.isBefore(oldest) ? oldest : start).truncatedTo(ChronoUnit.MINUTES);
        Instant to = (end.isAfter(now) ? now : end).truncatedTo(ChronoUnit.MINUTES);
        return new Window(from, to);
    }

    private String replicationPath(String kind, Window window) {
        return dataPath + "/sobjects/Task/" + kind + "/?start=" + encode(SfDates.formatReplication(window.start()))
                + "&end=" + encode(SfDates.formatReplication(window.end()));
    }

    /** The org's TaskStatus picklist, read once and kept for {@link #STATUS_CACHE}. */
    @Override
    public TaskStatuses taskStatuses() {
        Instant now = http.clock().instant();
        CachedStatuses cached = statuses.get();
        if (cached != null && now.isBefore(cached.readAt().plus(STATUS_CACHE))) {
            return cached.statuses();
        }
        List<TaskStatus> values = new ArrayList<>();
        String path = dataPath + "/query?q=" + encode(TASK_STATUS_QUERY.text());
        while (path != null) {
            Response response = call("taskStatuses", "GET", path, null, Replay.SAFE);
            path = readJson("taskStatuses", () -> {
                JsonNode page = json.read(response.body());
                for (JsonNode r : page.path("records")) {
                    String apiName = SfJson.text(r, "ApiName");
                    Boolean closed = SfJson.bool(r, "IsClosed");
                    Boolean isDefault = SfJson.bool(r, "IsDefault");
                    if (apiName == null || closed == null) {
                        throw new SfJson.UnreadableResponse("a TaskStatus has no ApiName or IsClosed");
                    }
                    values.add(new TaskStatus(apiName, closed, Boolean.TRUE.equals(isDefault)));
                }
                String next = page.path("done").asBoolean(true) ? null : SfJson.text(page, "nextRecordsUrl");
                return next == null ? null : locatorPath(next);
            });
        }
        TaskStatuses read;
        try {
            read = new TaskStatuses(values);
        } catch (IllegalArgumentException e) {
            throw new SalesforceRequestException(200, List.of(new SfError("UNUSABLE_TASK_STATUSES",
                    "the org's TaskStatus picklist needs an open and a closed value", List.of())));
        }
        statuses.set(new CachedStatuses(read, now));
        return read;
    }

    @Override
    public Optional<ApiUsage> lastUsage() {
        return Optional.ofNullable(usage.get());
    }

    // ---- the call -----------------------------------------------------------------------------------------

    private Response call(String operation, String method, String pathAndQuery, String body,
                                      Replay replay) {
        AccessToken token = session.token();
        Response response = send(operation, method, token, pathAndQuery, body, replay);
        if (response.statusCode() == 401) {
            LOG.info("Salesforce {} answered HTTP 401 {}: renewing the session", operation,
                    codes(response.body()));
            if (!deadline.allows(SalesforceHttp.RESERVE.multipliedBy(3))) {
                throw new OutOfTimeException("Salesforce session not renewed: the invocation is out of time");
            }
            token = session.renew(token);
            response = send(operation, method, token, pathAndQuery, body, replay);
        }
        if (response.statusCode() / 100 == 2) {
            return response;
        }
        throw failure(operation, response);
    }

    private Response send(String operation, String method, AccessToken token, String pathAndQuery,
                                      String body, Replay replay) {
        URI uri = URI.create(token.instanceUrl() + pathAndQuery);
        Response response = http.send(operation, () -> {
            Request request = http.request(uri)
                    .header("Authorization", "Bearer " + token.value())
                    // Names the sync in the changeOrigin of the change events its writes cause (ChangeOrigins).
                    .header(ChangeOrigins.CALL_OPTIONS_HEADER, ChangeOrigins.CALL_OPTIONS)
                    .method(method, body);
            if (body != null) {
                request.header("Content-Type", "application/json; charset=UTF-8");
            }
            return request;
        }, replay, deadline);
        recordUsage(response);
        if (counter != null) {
            counter.counted(usage.get());
        }
        return response;
    }

    private SalesforceException failure(String operation, Response response) {
        return failure(operation, response.statusCode(), response.body());
    }

    private SalesforceException failure(String operation, int status, String body) {
        List<SfError> errors = json.errors(body);
        List<String> codes = errors.stream().map(SfError::statusCode).toList();
        LOG.warn("Salesforce {} answered HTTP {} {}", operation, status, codes);
        if (codes.contains("REQUEST_LIMIT_EXCEEDED")) {
            return new RequestLimitExceededException("the org's Salesforce API request limit is used up",
                    http.clock().instant().plus(LIMIT_BACKOFF));
        }
        return new SalesforceRequestException(status, errors);
    }

    private List<String> codes(String body) {
        return json.errors(body).stream().map(SfError::statusCode).toList();
    }

    private void recordUsage(Response response) {
        response.header("Sforce-Limit-Info").ifPresent(header -> {
            Matcher m = API_USAGE.matcher(header);
            if (m.find()) {
                try {
                    usage.set(new ApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                } catch (NumberFormatException e) {
                    LOG.debug("Sforce-Limit-Info out of range");
                }
            }
        });
    }

    private static <T> T readJson(String operation, Supplier<T> read) {
        try {
            return read.get();
        } catch (SfJson.UnreadableResponse | IllegalArgumentException e) {
            LOG.warn("Salesforce {} answered an unreadable response: {}", operation, e.getMessage());
            throw new SalesforceUnavailableException("Salesforce " + operation + " answered an unreadable response",
                    null);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
