package com.salesconnect.tasksync.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP API (payload format 2.0) events and responses, mapped by hand between {@link LambdaJson} values and
 * aws-lambda-java-events' types: the same objects Lambda's serializer would make of the same JSON (tests compare
 * both on every file in events/), without its reflective bean mapping.
 */
public final class HttpApiEvents {

    private HttpApiEvents() {
    }

    /** @throws IllegalArgumentException when a field has the wrong JSON type */
    public static APIGatewayV2HTTPEvent event(Map<String, Object> json) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(JsonFields.text(json, "version"));
        event.setRouteKey(JsonFields.text(json, "routeKey"));
        event.setRawPath(JsonFields.text(json, "rawPath"));
        event.setRawQueryString(JsonFields.text(json, "rawQueryString"));
        event.setCookies(JsonFields.texts(json, "cookies"));
        event.setHeaders(JsonFields.textMap(json, "headers"));
        event.setQueryStringParameters(JsonFields.textMap(json, "queryStringParameters"));
        event.setPathParameters(JsonFields.textMap(json, "pathParameters"));
        event.setStageVariables(JsonFields.textMap(json, "stageVariables"));
        event.setBody(JsonFields.text(json, "body"));
        event.setIsBase64Encoded(JsonFields.bool(json, "isBase64Encoded"));
        Map<String, Object> context = JsonFields.object(json, "requestContext");
        if (context != null) {
            event.setRequestContext(requestContext(context));
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRouteKey(JsonFields.text(json, "routeKey"));
        context.setAccountId(JsonFields.text(json, "accountId"));
        context.setStage(JsonFields.text(json, "stage"));
        context.setApiId(JsonFields.text(json, "apiId"));
        context.setDomainName(JsonFields.text(json, "domainName"));
        context.setDomainPrefix(JsonFields.text(json, "domainPrefix"));
        context.setTime(JsonFields.text(json, "time"));
        context.setTimeEpoch(JsonFields.longValue(json, "timeEpoch"));
        context.setRequestId(JsonFields.text(json, "requestId"));
        Map<String, Object> http = JsonFields.object(json, "http");
        if (http != null) {
            APIGatewayV2HTTPEvent.RequestContext.Http out = new APIGatewayV2HTTPEvent.RequestContext.Http();
            out.setMethod(JsonFields.text(http, "method"));
            out.setPath(JsonFields.text(http, "path"));
            out.setProtocol(JsonFields.text(http, "protocol"));
            out.setSourceIp(JsonFields.text(http, "sourceIp"));
            out.setUserAgent(JsonFields.text(http, "userAgent"));
            context.setHttp(out);
        }
        Map<String, Object> authorizer = JsonFields.object(json, "authorizer");
        if (authorizer != null) {
            context.setAuthorizer(authorizer(authorizer));
        }
        return context;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        Map<String, Object> jwt = JsonFields.object(json, "jwt");
        if (jwt != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT out = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            out.setClaims(JsonFields.textMap(jwt, "claims"));
            out.setScopes(JsonFields.texts(jwt, "scopes"));
            authorizer.setJwt(out);
        }
        authorizer.setLambda(JsonFields.object(json, "lambda"));
        Map<String, Object> iam = JsonFields.object(json, "iam");
        if (iam != null) {
            APIGatewayV2HTTPEvent.RequestContext.IAM out = new APIGatewayV2HTTPEvent.RequestContext.IAM();
            out.setAccessKey(JsonFields.text(iam, "accessKey"));
            out.setAccountId(JsonFields.text(iam, "accountId"));
            out.setCallerId(JsonFields.text(iam, "callerId"));
            out.setPrincipalOrgId(JsonFields.text(iam, "principalOrgId"));
            out.setUserArn(JsonFields.text(iam, "userArn"));
            out.setUserId(JsonFields.text(iam, "userId"));
            Map<String, Object> cognito = JsonFields.object(iam, "cognitoIdentity");
            if (cognito != null) {
                APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity identity =
                        new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
                identity.setAmr(JsonFields.texts(cognito, "amr"));
                identity.setIdentityId(JsonFields.text(cognito, "identityId"));
                identity.setIdentityPoolId(JsonFields.text(cognito, "identityPoolId"));
                out.setCognitoIdentity(identity);
            }
            authorizer.setIam(out);
        }
        return authorizer;
    }

    /** The response as API Gateway reads it; fields that are not set are left out. */
    public static Map<String, Object> response(APIGatewayV2HTTPResponse response) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.put("headers", response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            json.put("multiValueHeaders", response.getMultiValueHeaders());
        }
        List<String> cookies = response.getCookies();
        if (cookies != null) {
            json.put("cookies", cookies);
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        return json;
    }
}
