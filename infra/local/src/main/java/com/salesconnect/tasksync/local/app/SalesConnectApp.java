package com.salesconnect.tasksync.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.local.apigateway.DevAuthorizer;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.local.http.Route;
import com.salesconnect.tasksync.rules.CommandCenter;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.store.LinkStore;
import com.salesconnect.tasksync.store.LinkSummary;
import com.salesconnect.tasksync.store.Page;
import com.salesconnect.tasksync.store.TaskStore;
import com.salesconnect.tasksync.sync.TaskNotFoundException;
import com.salesconnect.tasksync.sync.TaskService;
import com.salesconnect.tasksync.task.InvalidTaskException;
import com.salesconnect.tasksync.task.ScTask;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Sales Connect app: its tasks API and the Command Center, through core's TaskService and
 * CommandCenter, on the same tasks table whose stream the outbound function reads. The user is the one of
 * {@code Authorization: Bearer dev:<userId>}.
 */
public final class SalesConnectApp implements Route {

    private static final Pattern TASK = Pattern.compile("/tasks/([^/]{1,200})");
    private static final int PAGE = 200;
    private static final int COMMAND_CENTER_PAGE = 100;
    private static final int MAX_PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskService tasks;
    private final TaskStore taskStore;
    private final LinkStore links;
    private final CommandCenter commandCenter;

    public SalesConnectApp(TaskService tasks, TaskStore taskStore, LinkStore links, CommandCenter commandCenter) {
        this.tasks = tasks;
        this.taskStore = taskStore;
        this.links = links;
        this.commandCenter = commandCenter;
    }

    @Override
    public Optional<Response> handle(Request request) {
        String path = request.path();
        Matcher task = TASK.matcher(path);
        if (!path.equals("/tasks") && !path.equals("/command-center") && !task.matches()) {
            return Optional.empty();
        }
        Optional<String> user = DevAuthorizer.userId(request.header("authorization").orElse(null));
        if (user.isEmpty()) {
            return Optional.of(Response.error(401, "send Authorization: Bearer dev:<userId>"));
        }
        try {
            return Optional.of(route(request, user.get(), path, task.matches() ? task.group(1) : null));
        } catch (BadRequestException | InvalidTaskException e) {
            return Optional.of(Response.error(400, e.getMessage()));
        } catch (TaskNotFoundException e) {
            return Optional.of(Response.error(404, "no such task"));
        }
    }

    private Response route(Request request, String userId, String path, String taskId) {
        String method = request.method();
        if (path.equals("/command-center")) {
            return method.equals("GET") ? commandCenter(request, userId) : notAllowed();
        }
        if (taskId == null) {
            return switch (method) {
                case "GET" -> list(request, userId);
                case "POST" -> Response.json(201, created(tasks.create(UserId.of(userId),
                        TaskJson.create(body(request)))));
                default -> notAllowed();
            };
        }
        return switch (method) {
            case "GET" -> Response.json(200,
                    view(taskStore.get(UserId.of(userId), TaskId.of(taskId)).filter(t -> !t.deleted())
                    .orElseThrow(TaskNotFoundException::new)));
            case "PATCH" -> Response.json(200,
                    view(tasks.update(UserId.of(userId), TaskId.of(taskId), TaskJson.patch(body(request)))));
            case "DELETE" -> {
                tasks.delete(UserId.of(userId), TaskId.of(taskId));
                yield Response.noContent();
            }
            default -> notAllowed();
        };
    }

    /**
     * One page of the Command Center's tasks by due date ({@code ?limit=1..500}, default {@value #COMMAND_CENTER_PAGE};
     * {@code ?cursor=} from the previous page; {@code Link: rel="next"} as for {@code /tasks}).
     */
    private Response commandCenter(Request request, String userId) {
        int limit = request.queryParam("limit").map(SalesConnectApp::limit).orElse(COMMAND_CENTER_PAGE);
        String cursor = request.queryParam("cursor").filter(c -> !c.isEmpty()).orElse(null);
        Page<ScTask> page;
        try {
            page = commandCenter.page(userId, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this API returned");
        }
        return paged(views(userId, page.items()), "/command-center", limit, page.nextCursor());
    }

    /**
     * One page of the user's tasks in task-id order ({@code ?limit=1..500}, default {@value #PAGE};
     * {@code ?cursor=} from the previous page). The body is the page's tasks; when more follow, a
     * {@code Link: </tasks?cursor=...>; rel="next"} header (RFC 8288) names the next page.
     */
    private Response list(Request request, String userId) {
        int limit = request.queryParam("limit").map(SalesConnectApp::limit).orElse(PAGE);
        String cursor = request.queryParam("cursor").filter(c -> !c.isEmpty()).orElse(null);
        Page<ScTask> page;
        try {
            page = taskStore.browse(UserId.of(userId), cursor, limit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor is not one this API returned");
        }
        return paged(views(userId, page.items()), "/tasks", limit, page.nextCursor());
    }

    private static Response paged(List<Map<String, Object>> items, String path, int limit, String nextCursor) {
        Response response = Response.json(200, items);
        return nextCursor == null ? response : response.withHeader("Link", "<" + path + "?limit=" + limit
                + "&cursor=" + URLEncoder.encode(nextCursor, StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestException("limit must be a whole number from 1 to " + MAX_PAGE);
    }

    /**
     * The tasks with their Salesforce ids: their links' state and sfId read in batches (only those attributes),
     * not one request per task.
     */
    private List<Map<String, Object>> views(String userId, List<ScTask> page) {
        Map<TaskId, LinkSummary> byTask = links.summaries(UserId.of(userId), page.stream().map(ScTask::id).toList());
        return page.stream().map(t -> TaskJson.write(t, salesforceId(t, Optional.ofNullable(byTask.get(t.id())))))
                .toList();
    }

    private Map<String, Object> view(ScTask task) {
        return TaskJson.write(task, salesforceId(task, links.get(task.user(), task.id())
                .map(link -> new LinkSummary(link.state(), link.sfId()))));
    }

    /** A task just made has no link yet: its view needs no read. */
    private static Map<String, Object> created(ScTask task) {
        return TaskJson.write(task, salesforceId(task, Optional.empty()));
    }

    /** The linked Salesforce task: the link's id, or for an imported task the id it was imported from. */
    private static String salesforceId(ScTask task, Optional<LinkSummary> link) {
        if (link.isPresent() && link.get().state() == LinkState.LINKED && link.get().sfId() != null) {
            return link.get().sfId();
        }
        return link.isEmpty() ? SalesforceIds.sfIdOfImported(task.taskId()) : null;
    }

    private static JsonNode body(Request request) {
        try {
            return request.body().length == 0 ? null : JSON.readTree(request.body());
        } catch (IOException e) {
            throw new BadRequestException("the body must be a JSON object");
        }
    }

    private static Response notAllowed() {
        return Response.error(405, "method not allowed");
    }
}
