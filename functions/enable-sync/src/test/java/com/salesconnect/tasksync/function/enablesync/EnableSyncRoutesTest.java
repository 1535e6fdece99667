package com.salesconnect.tasksync.function.enablesync;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.salesconnect.tasksync.runtime.LogFields;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnableSyncRoutesTest {

    private final List<String> called = new ArrayList<>();
    private final EnableSyncRoutes routes = new EnableSyncRoutes(
            Map.of("GET /open", request -> answer("open")),
            Map.of("GET /mine", (request, user) -> answer("mine for " + user),
                    "PUT /mine", (request, user) -> answer("put for " + user)),
            new HttpResponses());

    private APIGatewayV2HTTPResponse answer(String what) {
        called.add(what);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
    }

    private static HttpRequest request(String method, String path, String sub) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        if (sub != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(Map.of("sub", sub));
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            context.setAuthorizer(authorizer);
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("$default");
        event.setRawPath(path);
        event.setRequestContext(context);
        return new HttpRequest(event);
    }

    @Test
    void eachRoute_goesToItsAction_withTheClaimsUser_byMethodAndPath() {
        routes.answer(request("GET", "/mine", "alice"));
        routes.answer(request("PUT", "/mine", "bob"));

        assertThat(called).containsExactly("mine for alice", "put for bob");
    }

    @Test
    void aSignedInRoute_logsWithTheUsersIdAsAField_andLeavesItBehindForNothingElse() {
        List<String> fieldDuringTheAction = new ArrayList<>();
        EnableSyncRoutes logging = new EnableSyncRoutes(Map.of(), Map.of("GET /mine", (request, user) -> {
            fieldDuringTheAction.add(org.slf4j.MDC.get(LogFields.USER_ID));
            return answer("mine");
        }), new HttpResponses());

        logging.answer(request("GET", "/mine", "alice"));

        assertThat(fieldDuringTheAction).containsExactly("alice");
        assertThat(org.slf4j.MDC.get(LogFields.USER_ID)).isNull();
    }

    @Test
    void anOpenRoute_isAnsweredWithoutAClaim() {
        assertThat(routes.answer(request("GET", "/open", null)).getStatusCode()).isEqualTo(200);
        assertThat(called).containsExactly("open");
    }

    @Test
    void anUnknownRoute_is404_evenWithoutAClaim_andASignedInRouteWithoutOne_is401() {
        assertThat(routes.answer(request("DELETE", "/mine", null)).getStatusCode()).isEqualTo(404);
        assertThat(routes.answer(request("GET", "/nowhere", "alice")).getStatusCode()).isEqualTo(404);
        assertThat(routes.answer(request("GET", "/mine", null)).getStatusCode()).isEqualTo(401);
        assertThat(called).isEmpty();
    }
}
