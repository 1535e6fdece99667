package com.salesconnect.tasksync.local.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.local.http.Request;
import com.salesconnect.tasksync.local.http.Response;
import com.salesconnect.tasksync.local.lambda.InvocationResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-12T19:03:58.390Z"), ZoneOffset.UTC);

    private final List<String> events = new ArrayList<>();
    private InvocationResult answer = new InvocationResult.Success(
            "{\"statusCode\": 200, \"headers\": {\"content-type\": \"text/plain\"}, \"body\": \"ok\"}");
    private final HttpApiGateway gateway;

    HttpApiGatewayTest() {
        RouteTable<HttpApiGateway.Target> routes = new RouteTable<>();
        HttpApiGateway.Target secured = new HttpApiGateway.Target(this::invoke, true);
        HttpApiGateway.Target open = new HttpApiGateway.Target(this::invoke, false);
        routes.add("GET", "/settings/task-sync", secured);
        routes.add("POST", "/salesforce/outbound-messages/{webhookToken}", open);
        gateway = new HttpApiGateway(routes, new DevAuthorizer("https://issuer.local", "local-app"), "123456789012",
                CLOCK);
    }

    private InvocationResult invoke(String event) {
        events.add(event);
        return answer;
    }

    private static Request request(String method, String path, String query, Map<String, List<String>> headers,
                                   String body) {
        return new Request(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1",
                "HTTP/1.1");
    }

    @Test
    void aJwtRoute_withoutAValidDevToken_is401AndTheFunctionIsNotInvoked() {
        for (Map<String, List<String>> headers : List.of(Map.<String, List<String>>of(),
                Map.of("Authorization", List.of("Bearer real.jwt.token")),
                Map.of("Authorization", List.of("Bearer dev:")),
                Map.of("Authorization", List.of("Bearer dev:has space")))) {
            Response response = gateway.handle(request("GET", "/settings/task-sync", "", headers, "")).orElseThrow();
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.bodyText()).contains("Unauthorized");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aJwtRoute_passesTheUserAsTheSubClaim_inAPayload2Event() throws Exception {
        Response response = gateway.handle(request("GET", "/settings/task-sync", "a=1&a=2&b=x%20y",
                Map.of("Authorization", List.of("Bearer dev:demo")), "")).orElseThrow();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("ok");
        JsonNode event = JSON.readTree(events.get(0));
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /settings/task-sync");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
        assertThat(event.path("queryStringParameters").path("a").asText()).isEqualTo("1,2");
        assertThat(event.path("queryStringParameters").path("b").asText()).isEqualTo("x y");
        JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
        assertThat(claims.path("sub").asText()).isEqualTo("demo");
        assertThat(claims.path("iss").asText()).isEqualTo("https://issuer.local");
        assertThat(event.path("requestContext").path("time").asText()).isEqualTo("12/Mar/2026:19:03:58 +0000");
        assertThat(event.path("requestContext").path("timeEpoch").asLong()).isEqualTo(1773342238390L);
        assertThat(event.path("headers").path("authorization").asText()).isEqualTo("Bearer dev:demo");
    }

    @Test
    void anOpenRoute_hasNoAuthorizer_andItsPathParametersAndTextBody() throws Exception {
        gateway.handle(request("POST", "/salesforce/outbound-messages/tok3n", "",
                Map.of("Content-Type", List.of("text/xml; charset=utf-8"), "Cookie", List.of("a=1; b=2")),
                "<soap/>")).orElseThrow();
        JsonNode event = JSON.readTree(events.get(0));
        assertThat(event.path("requestContext").has("authorizer")).isFalse();
        assertThat(event.path("pathParameters").path("webhookToken").asText()).isEqualTo("tok3n");
        assertThat(event.path("body").asText()).isEqualTo("<soap/>");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        assertThat(event.path("headers").has("cookie")).isFalse();
    }

    @Test
    void theEvent_hasTheFieldsOfTheAwsExample() throws Exception {
        gateway.handle(request("GET", "/settings/task-sync", "q=1",
                Map.of("Authorization", List.of("Bearer dev:demo"), "Cookie", List.of("c=1")), "x")).orElseThrow();
        JsonNode ours = JSON.readTree(events.get(0));
        // The AWS documentation's example (a copy of ../shared/reference/aws-events, Apache-2.0).
        JsonNode aws = JSON.readTree(Files.readString(
                Path.of("src/test/resources/apigateway-http-api-v2-proxy-request.json")));
        assertThat(fieldNames(ours)).containsAll(fieldNames(aws).stream()
                .filter(f -> !f.equals("stageVariables") && !f.equals("pathParameters")).toList());
        assertThat(fieldNames(ours.path("requestContext"))).containsAll(fieldNames(aws.path("requestContext")));
        assertThat(fieldNames(ours.path("requestContext").path("http")))
                .containsAll(fieldNames(aws.path("requestContext").path("http")));
    }

    @Test
    void routesOfNoFunction_areLeftToTheRestOfTheApp() {
        assertThat(gateway.handle(request("GET", "/tasks", "", Map.of(), ""))).isEmpty();
    }

    @Test
    void functionResponses_areReadAsHttpApisReadThem() {
        answer = new InvocationResult.FunctionError("java.lang.RuntimeException", "secret detail");
        Response error = gateway.handle(request("POST", "/salesforce/outbound-messages/t", "", Map.of(), ""))
                .orElseThrow();
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.bodyText()).doesNotContain("secret");
        Response inferred = HttpApiGateway.response(new InvocationResult.Success("{\"enabled\": true}"));
        assertThat(inferred.status()).isEqualTo(200);
        assertThat(inferred.bodyText()).isEqualTo("{\"enabled\": true}");
        assertThat(inferred.headers().get("content-type")).containsExactly("application/json");
        Response base64 = HttpApiGateway.response(new InvocationResult.Success(
                "{\"statusCode\": 302, \"headers\": {\"Location\": \"/x\"}, \"cookies\": [\"s=1\"], "
                        + "\"body\": \"aGk=\", \"isBase64Encoded\": true}"));
        assertThat(base64.status()).isEqualTo(302);
        assertThat(base64.headers().get("Location")).containsExactly("/x");
        assertThat(base64.headers().get("set-cookie")).containsExactly("s=1");
        assertThat(base64.bodyText()).isEqualTo("hi");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
