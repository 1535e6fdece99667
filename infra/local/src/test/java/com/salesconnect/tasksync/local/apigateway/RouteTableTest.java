package com.salesconnect.tasksync.local.apigateway;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private final RouteTable<String> routes = new RouteTable<>();

    RouteTableTest() {
        routes.add("GET", "/settings/task-sync", "get-settings");
        routes.add("PUT", "/settings/task-sync", "put-settings");
        routes.add("POST", "/salesforce/outbound-messages/{webhookToken}", "webhook");
        routes.add("GET", "/items/{id}", "item");
        routes.add("GET", "/items/special", "special");
        routes.add("ANY", "/items/special", "any-special");
        routes.add("GET", "/files/{path+}", "files");
    }

    @Test
    void exactPathsAndMethodsMatch_andOtherMethodsDoNot() {
        assertThat(routes.match("GET", "/settings/task-sync")).hasValueSatisfying(m -> {
            assertThat(m.target()).isEqualTo("get-settings");
            assertThat(m.routeKey()).isEqualTo("GET /settings/task-sync");
        });
        assertThat(routes.match("PUT", "/settings/task-sync").orElseThrow().target()).isEqualTo("put-settings");
        assertThat(routes.match("DELETE", "/settings/task-sync")).isEmpty();
        assertThat(routes.match("GET", "/settings/task-sync/more")).isEmpty();
        assertThat(routes.match("GET", "/settings")).isEmpty();
    }

    @Test
    void pathParametersBindOneSegment_andGreedyOnesTheRest() {
        assertThat(routes.match("POST", "/salesforce/outbound-messages/abc_-1").orElseThrow().pathParameters())
                .isEqualTo(Map.of("webhookToken", "abc_-1"));
        assertThat(routes.match("POST", "/salesforce/outbound-messages/")).isEmpty();
        assertThat(routes.match("POST", "/salesforce/outbound-messages/a/b")).isEmpty();
        assertThat(routes.match("GET", "/files/a/b/c").orElseThrow().pathParameters())
                .isEqualTo(Map.of("path", "a/b/c"));
    }

    @Test
    void theMostSpecificRouteWins_literalOverParameter_methodOverAny() {
        assertThat(routes.match("GET", "/items/special").orElseThrow().target()).isEqualTo("special");
        assertThat(routes.match("POST", "/items/special").orElseThrow().target()).isEqualTo("any-special");
        assertThat(routes.match("GET", "/items/7").orElseThrow().target()).isEqualTo("item");
    }
}
