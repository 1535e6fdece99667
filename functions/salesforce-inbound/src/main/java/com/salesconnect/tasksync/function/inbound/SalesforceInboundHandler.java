package com.salesconnect.tasksync.function.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.salesconnect.tasksync.crypto.CipherException;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.runtime.Failures;
import com.salesconnect.tasksync.runtime.HttpApiEvents;
import com.salesconnect.tasksync.runtime.LambdaJson;
import com.salesconnect.tasksync.runtime.TaskRootEntry;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.salesforce.ChangeEventCodec;
import com.salesconnect.tasksync.salesforce.MalformedMessageException;
import com.salesconnect.tasksync.salesforce.OutboundMessage;
import com.salesconnect.tasksync.salesforce.OutboundMessageCodec;
import com.salesconnect.tasksync.salesforce.SalesforceException;
import com.salesconnect.tasksync.salesforce.WebhookTokens;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.ChangeEventResult;
import com.salesconnect.tasksync.sync.ChangeEventSync;
import com.salesconnect.tasksync.sync.InboundResult;
import com.salesconnect.tasksync.sync.InboundSync;
import com.salesconnect.tasksync.sync.WebhookAuth;
import com.salesconnect.tasksync.wiring.SnapStartEntry;
import com.salesconnect.tasksync.wiring.SyncComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Salesforce's Outbound Message endpoint, {@code POST /salesforce/outbound-messages/{webhookToken}}, and the target of
 * Salesforce change events relayed into EventBridge ({@link #handleChangeEvent}; told apart by the event's shape).
 * Outbound messages: authenticates the message (the org's token in the path and the message's OrganizationId),
 * applies its notifications and acknowledges only when they are durable. The function's README lists the answer to
 * each case and each change event's outcome. The body is never logged: it carries a SessionId and task content.
 */
public final class SalesforceInboundHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static {
        // Before the logger below: building the AWS clients' HTTP client then overlaps the start of logging.
        SyncComponents.prebuildAwsHttpClient();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceInboundHandler.class);

    private static final Map<String, String> XML = Map.of("Content-Type", OutboundMessageCodec.CONTENT_TYPE);

    /** Each invocation's log fields and metrics, and the SnapStart priming ({@link #prime}). */
    final SnapStartEntry entry = new SnapStartEntry("salesforce-inbound", this::prime);

    private final InboundSync inbound;
    private final OutboundMessageCodec codec;
    private final ChangeEventSync changeEvents;

    /** Lambda's entry: the deployed wiring, primed for SnapStart before the snapshot is taken. */
    public SalesforceInboundHandler() {
        this(SnapStartEntry.deployedComponents());
        entry.registerForSnapStart();
    }

    public SalesforceInboundHandler(SyncComponents components) {
        this.inbound = components.inboundSync();
        this.codec = components.outboundMessageCodec();
        this.changeEvents = components.changeEventSync();
    }

    /**
     * Lambda's entry (the runtime picks this overload of the template's {@code handleRequest}): the event read and
     * the answer written by hand ({@link HttpApiEvents}), not by the runtime's reflective mapping.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = LambdaJson.readObject(input);
        if (ChangeEventCodec.isEventBridgeEvent(event)) {
            LambdaJson.write(handleChangeEvent(event, context), output);
            return;
        }
        LambdaJson.write(HttpApiEvents.response(handleRequest(HttpApiEvents.event(event), context)), output);
    }

    /**
     * A Salesforce change event from the Event Relay partner bus (the EventBridgeRule trigger; invoked
     * asynchronously). A malformed event is logged and dropped (a retry cannot mend it, and nothing is written); a
     * failure worth a retry is thrown, so Lambda retries the event and then sends it to the dead-letter queue.
     *
     * @return a summary (EventBridge ignores it; for logs and tests)
     */
    public Map<String, Object> handleChangeEvent(Map<String, Object> event, Context context) {
        return entry.invoke(context, () -> handleChangeEventLogged(event, context));
    }

    private Map<String, Object> handleChangeEventLogged(Map<String, Object> event, Context context) {
        String requestId = context != null ? context.getAwsRequestId() : "unknown";
        ChangeEvent decoded;
        try {
            decoded = ChangeEventCodec.decode(event);
        } catch (MalformedMessageException e) {
            // The codec's messages name the field and never quote the event.
            LOG.warn("change event malformed, dropped: requestId={} problem={}", requestId, e.getMessage());
            return Map.of("outcome", "MALFORMED");
        }
        ChangeEventResult result = changeEvents.apply(decoded, SnapStartEntry.deadline(context));
        LOG.info("change event done: requestId={} eventId={} orgId={} changeType={} outcome={} applied={}"
                        + " ignored={}", requestId, decoded.eventId(), decoded.orgId(), decoded.changeType(),
                result.outcome(), result.applied(), result.ignored());
        return Map.of("outcome", result.outcome().name(), "applied", result.applied(), "ignored", result.ignored());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return entry.invoke(context, () -> handleRequestLogged(event, context));
    }

    private APIGatewayV2HTTPResponse handleRequestLogged(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = context != null ? context.getAwsRequestId() : "unknown";
        String token = token(event);
        if (!WebhookTokens.wellFormed(token)) {
            return rejected(WebhookAuth.Reason.UNKNOWN_TOKEN, requestId);
        }
        OutboundMessage message;
        try {
            message = codec.parse(body(event));
        } catch (MalformedMessageException e) {
            // The codec's messages name the problem and never quote the body.
            LOG.warn("outbound message malformed: requestId={} problem={}", requestId, e.getMessage());
            return fault(400, OutboundMessageCodec.FaultCode.CLIENT,
                    "The request is not a well-formed Task outbound message.");
        }
        try {
            WebhookAuth auth = inbound.authenticate(token, message.organizationId());
            if (auth instanceof WebhookAuth.Rejected r) {
                return rejected(r.reason(), requestId);
            }
            String orgId = ((WebhookAuth.Authenticated) auth).orgId();
            InboundResult result = inbound.apply(OrgId.of(orgId), message, SnapStartEntry.deadline(context));
            LOG.info("outbound message acknowledged: requestId={} orgId={} applied={} ignored={} redelivered={}",
                    requestId, orgId, result.applied(), result.ignored(), result.redelivered());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(XML)
                    .withBody(codec.acknowledgement()).build();
        } catch (StoreException | WriteConflictException | SalesforceException | CipherException e) {
            LOG.warn("outbound message not applied, Salesforce will retry: requestId={} failure={}", requestId,
                    Failures.describe(e));
            return fault(503, OutboundMessageCodec.FaultCode.SERVER, "Temporarily unavailable; please retry.");
        } catch (RuntimeException e) {
            LOG.error("outbound message failed, Salesforce will retry: requestId={} failure={}", requestId,
                    Failures.describe(e));
            return fault(500, OutboundMessageCodec.FaultCode.SERVER, "Internal error; please retry.");
        }
    }

    /** Same answer for every reason, so a prober learns nothing; the reason goes to the log only. */
    private APIGatewayV2HTTPResponse rejected(WebhookAuth.Reason reason, String requestId) {
        LOG.warn("outbound message rejected: reason={} requestId={}", reason, requestId);
        return fault(403, OutboundMessageCodec.FaultCode.CLIENT, "Not authorized.");
    }

    private APIGatewayV2HTTPResponse fault(int status, OutboundMessageCodec.FaultCode code, String text) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(XML)
                .withBody(codec.fault(code, text)).build();
    }

    /** The path parameter of the route; the last path segment when invoked without one (a bare test event). */
    private static String token(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters();
        if (path != null && path.get("webhookToken") != null) {
            return path.get("webhookToken");
        }
        String raw = event.getRawPath();
        return raw == null ? null : raw.substring(raw.lastIndexOf('/') + 1);
    }

    /** The body's bytes; HTTP APIs base64-encode bodies they do not take for text. */
    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("the body is marked base64 but is not");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** SnapStart priming: parses a sample message and writes both answers; no I/O, nothing per instance. */
    private void prime() {
        codec.parse(PrimingSample.MESSAGE);
        HttpApiEvents.event(PrimingSample.event());
        LambdaJson.toJson(HttpApiEvents.response(fault(500, OutboundMessageCodec.FaultCode.SERVER, "priming")));
        codec.acknowledgement();
        try {
            ChangeEventCodec.decode(LambdaJson.readObject(PrimingSample.changeEvent()));
        } catch (IOException e) {
            throw new IllegalStateException("the priming change event is JSON", e);
        }
    }

    /**
     * Lambda's entry, the class template.yaml names: this handler, loaded by a class loader of its own that loads
     * classes on several threads at once ({@link TaskRootEntry}).
     */
    public static final class Entry extends TaskRootEntry {
    }
}
