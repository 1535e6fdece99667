package com.salesconnect.tasksync.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SalesConnectAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncFixture fx = new SyncFixture();
    private final SalesConnectApp app = new SalesConnectApp(fx.taskService, fx.tasks, fx.links, fx.commandCenter);
    private final LocalDate today = LocalDate.ofInstant(SyncFixture.START, ZoneOffset.UTC);

    private Response call(String method, String path, String body, String user) throws Exception {
        Map<String, List<String>> headers = user == null ? Map.of()
                : Map.of("Authorization", List.of("Bearer dev:" + user));
        return app.handle(new Request(method, path, "", headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", "HTTP/1.1")).orElseThrow();
    }

    private Response get(String path, String query) throws Exception {
        return app.handle(new Request("GET", path, query, Map.of("Authorization", List.of("Bearer dev:" + SyncFixture.ALICE)),
                null, "127.0.0.1", "HTTP/1.1")).orElseThrow();
    }

    private Response call(String method, String path, String body) throws Exception {
        return call(method, path, body, SyncFixture.ALICE);
    }

    /** Every page of a paged list, following each answer's {@code Link: <...?query>; rel="next"}. */
    private List<List<JsonNode>> pages(String path, String firstQuery) throws Exception {
        List<List<JsonNode>> pages = new java.util.ArrayList<>();
        String query = firstQuery;
        while (query != null) {
            Response page = get(path, query);
            assertThat(page.status()).isEqualTo(200);
            List<JsonNode> items = new java.util.ArrayList<>();
            json(page).forEach(items::add);
            pages.add(items);
            List<String> link = page.headers().getOrDefault("Link", List.of());
            query = link.isEmpty() ? null
                    : link.get(0).substring(link.get(0).indexOf('?') + 1, link.get(0).indexOf('>'));
        }
        return pages;
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void createThenReadListEditCompleteAndDelete() throws Exception {
        Response created = call("POST", "/tasks", "{\"subject\": \"Call Ada\", \"dueDate\": \"" + today + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = json(created).path("id").asText();
        assertThat(json(created).path("status").asText()).isEqualTo("OPEN");
        assertThat(json(created).path("salesforceId").isNull()).isTrue();
        assertThat(fx.tasks.get(UserId.of(SyncFixture.ALICE), TaskId.of(id)).orElseThrow().changeOrigin())
                .isEqualTo(Origin.SALES_CONNECT);

        assertThat(json(call("GET", "/tasks/" + id, null)).path("subject").asText()).isEqualTo("Call Ada");
        assertThat(json(call("GET", "/tasks", null))).hasSize(1);
        Response edited = call("PATCH", "/tasks/" + id,
                "{\"notes\": \"about the renewal\", \"status\": \"COMPLETED\"}");
        assertThat(json(edited).path("notes").asText()).isEqualTo("about the renewal");
        assertThat(json(edited).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(json(edited).path("subject").asText()).isEqualTo("Call Ada");

        assertThat(call("DELETE", "/tasks/" + id, null).status()).isEqualTo(204);
        assertThat(call("GET", "/tasks/" + id, null).status()).isEqualTo(404);
        assertThat(json(call("GET", "/tasks", null))).isEmpty();
    }

    @Test
    void commandCenter_listsOpenTasksDueTodayOrTomorrow() throws Exception {
        call("POST", "/tasks", "{\"subject\": \"today\", \"dueDate\": \"" + today + "\"}");
        call("POST", "/tasks", "{\"subject\": \"tomorrow\", \"dueDate\": \"" + today.plusDays(1) + "\"}");
        call("POST", "/tasks", "{\"subject\": \"later\", \"dueDate\": \"" + today.plusDays(2) + "\"}");
        call("POST", "/tasks", "{\"subject\": \"done\", \"dueDate\": \"" + today + "\", \"status\": \"COMPLETED\"}");
        call("POST", "/tasks", "{\"subject\": \"undated\"}");

        JsonNode listed = json(call("GET", "/command-center", null));

        assertThat(listed.findValuesAsText("subject")).containsExactlyInAnyOrder("today", "tomorrow");
    }

    @Test
    void commandCenter_isPaged_byDueDate_withALinkToTheNextPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            call("POST", "/tasks", "{\"subject\": \"tomorrow " + i + "\", \"dueDate\": \"" + today.plusDays(1) + "\"}");
            call("POST", "/tasks", "{\"subject\": \"today " + i + "\", \"dueDate\": \"" + today + "\"}");
        }

        List<List<JsonNode>> pages = pages("/command-center", "limit=4");
        List<String> subjects = pages.stream().flatMap(List::stream).map(n -> n.path("subject").asText()).toList();

        assertThat(pages).hasSize(2);
        assertThat(subjects).hasSize(6);
        assertThat(subjects.subList(0, 3)).allMatch(s -> s.startsWith("today"));
        assertThat(subjects.subList(3, 6)).allMatch(s -> s.startsWith("tomorrow"));
        assertThat(get("/command-center", "limit=0").status()).isEqualTo(400);
        assertThat(json(get("/command-center", ""))).hasSize(6);
    }

    @Test
    void salesforceId_isTheLinkedTasksId() throws Exception {
        String id = json(call("POST", "/tasks", "{\"subject\": \"x\"}")).path("id").asText();
        String sfId = SalesforceIds.to18("00T5g00000TASK1");
        fx.links.save(new TaskLink(SyncFixture.ALICE, id, "00D5g00000ORG01EAH", null, sfId, LinkState.LINKED,
                TaskFields.todo("x"), SyncFixture.START, null, null, null, null, 0));
        assertThat(json(call("GET", "/tasks/" + id, null)).path("salesforceId").asText()).isEqualTo(sfId);
    }

    @Test
    void list_isPaged_withALinkToTheNextPage_andEveryTaskCarriesItsSalesforceId() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(json(call("POST", "/tasks", "{\"subject\": \"task " + i + "\"}")).path("id").asText());
        }
        String sfId = SalesforceIds.to18("00T5g00000TASK2");
        fx.links.save(new TaskLink(SyncFixture.ALICE, ids.get(3), "00D5g00000ORG01EAH", null, sfId, LinkState.LINKED,
                TaskFields.todo("task 3"), SyncFixture.START, null, null, null, null, 0));

        List<List<JsonNode>> pages = pages("/tasks", "limit=2");
        List<JsonNode> listed = pages.stream().flatMap(List::stream).toList();

        assertThat(pages).hasSize(3);
        assertThat(listed).extracting(n -> n.path("id").asText()).containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(listed).filteredOn(n -> n.path("id").asText().equals(ids.get(3)))
                .extracting(n -> n.path("salesforceId").asText()).containsExactly(sfId);
        assertThat(get("/tasks", "limit=0").status()).isEqualTo(400);
        assertThat(get("/tasks", "limit=501").status()).isEqualTo(400);
        assertThat(get("/tasks", "limit=x").status()).isEqualTo(400);
        assertThat(json(get("/tasks", ""))).hasSize(5);
    }

    @Test
    void badRequests_getAClearErrorAndChangeNothing() throws Exception {
        assertThat(call("GET", "/tasks", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/tasks", null, "has space").status()).isEqualTo(401);
        Response noSubject = call("POST", "/tasks", "{\"notes\": \"x\"}");
        assertThat(noSubject.status()).isEqualTo(400);
        assertThat(json(noSubject).path("error").asText()).isEqualTo("subject is required");
        assertThat(call("POST", "/tasks", "not json").status()).isEqualTo(400);
        assertThat(call("POST", "/tasks", "{\"subject\": \"  \"}").status()).isEqualTo(400);
        assertThat(call("PATCH", "/tasks/missing", "{\"subject\": \"y\"}").status()).isEqualTo(404);
        assertThat(call("DELETE", "/tasks/missing", null).status()).isEqualTo(404);
        assertThat(call("PUT", "/tasks", "{}").status()).isEqualTo(405);
        assertThat(json(call("GET", "/tasks", null))).isEmpty();
        assertThat(app.handle(new Request("GET", "/other", "", Map.of(), null, "127.0.0.1", "HTTP/1.1"))).isEmpty();
    }

    @Test
    void usersSeeOnlyTheirOwnTasks() throws Exception {
        String id = json(call("POST", "/tasks", "{\"subject\": \"mine\"}")).path("id").asText();
        assertThat(call("GET", "/tasks/" + id, null, SyncFixture.BOB).status()).isEqualTo(404);
        assertThat(json(call("GET", "/tasks", null, SyncFixture.BOB))).isEmpty();
    }
}
