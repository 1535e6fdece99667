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
        JsonFields.object(json, "requestContext", HttpApiEvents::requestContext, event::setRequestContext);
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
        JsonFields.object(json, "http", HttpApiEvents::http, context::setHttp);
        JsonFields.object(json, "authorizer", HttpApiEvents::authorizer, context::setAuthorizer);
        return context;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Http http(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(JsonFields.text(json, "method"));
        http.setPath(JsonFields.text(json, "path"));
        http.setProtocol(JsonFields.text(json, "protocol"));
        http.setSourceIp(JsonFields.text(json, "sourceIp"));
        http.setUserAgent(JsonFields.text(json, "userAgent"));
        return http;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        JsonFields.object(json, "jwt", HttpApiEvents::jwt, authorizer::setJwt);
        authorizer.setLambda(JsonFields.object(json, "lambda"));
        JsonFields.object(json, "iam", HttpApiEvents::iam, authorizer::setIam);
        return authorizer;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(JsonFields.textMap(json, "claims"));
        jwt.setScopes(JsonFields.texts(json, "scopes"));
        return jwt;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.IAM iam(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext.IAM iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        iam.setAccessKey(JsonFields.text(json, "accessKey"));
        iam.setAccountId(JsonFields.text(json, "accountId"));
        iam.setCallerId(JsonFields.text(json, "callerId"));
        iam.setPrincipalOrgId(JsonFields.text(json, "principalOrgId"));
        iam.setUserArn(JsonFields.text(json, "userArn"));
        iam.setUserId(JsonFields.text(json, "userId"));
        JsonFields.object(json, "cognitoIdentity", HttpApiEvents::cognitoIdentity, iam::setCognitoIdentity);
        return iam;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity cognitoIdentity(Map<String, Object> json) {
        APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity identity =
                new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
        identity.setAmr(JsonFields.texts(json, "amr"));
        identity.setIdentityId(JsonFields.text(json, "identityId"));
        identity.setIdentityPoolId(JsonFields.text(json, "identityPoolId"));
        return identity;
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
