package com.salesconnect.tasksync.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Handler classes shaped like the real ones, for the invocation tests. */
final class TestHandlers {

    private TestHandlers() {
    }

    /** Takes its environment like the real handlers take their wiring. */
    public static final class EchoMap implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final Map<String, String> env;

        public EchoMap(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            Map<String, Object> out = new LinkedHashMap<>(input);
            out.put("table", env.get("TASKS_TABLE"));
            out.put("function", context.getFunctionName());
            out.put("hasTimeLeft", context.getRemainingTimeInMillis() > 0);
            return out;
        }
    }

    /** Reports a failure for every record whose NewImage has {@code fail}. */
    public static final class Stream implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        public Stream(Map<String, String> env) {
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
                if (r.getDynamodb().getApproximateCreationDateTime() == null || r.getEventSourceARN() == null) {
                    throw new IllegalStateException("record fields were not read");
                }
                if (r.getDynamodb().getNewImage() != null && r.getDynamodb().getNewImage().containsKey("fail")) {
                    failures.add(StreamsEventResponse.BatchItemFailure.builder()
                            .withItemIdentifier(r.getDynamodb().getSequenceNumber()).build());
                }
            }
            return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
        }
    }

    public static final class Http implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public Http(Map<String, String> env) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            String sub = event.getRequestContext().getAuthorizer() == null ? "none"
                    : event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
            return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                    .withHeaders(Map.of("content-type", "text/plain"))
                    .withBody(sub + " " + event.getPathParameters() + " " + event.getBody()).build();
        }
    }

    public static final class Scheduled implements RequestHandler<ScheduledEvent, String> {
        public Scheduled(Map<String, String> env) {
        }

        @Override
        public String handleRequest(ScheduledEvent event, Context context) {
            return event.getSource();
        }
    }

    public static final class Failing implements RequestHandler<Map<String, Object>, String> {
        public Failing(Map<String, String> env) {
        }

        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            throw new IllegalArgumentException("no good");
        }
    }

    public static final class Slow implements RequestHandler<Map<String, Object>, String> {
        public Slow(Map<String, String> env) {
        }

        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        }
    }
}
