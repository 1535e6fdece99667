package com.salesconnect.tasksync.acceptance;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records every AWS call a function's code makes, so the test can hold them against the function's IAM policy in
 * template.yaml. The SDK loads it for every client of this test JVM (a global interceptor, listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}) and creates it itself, which is why the
 * record is static: calls count only inside {@link #as}, i.e. while a handler runs on the calling thread.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    /** One call: IAM action ({@code dynamodb:GetItem}) and the resource (table, table/index/name, or the service). */
    public record Call(String function, String action, String resource) {
    }

    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
    private static final Set<Call> CALLS = ConcurrentHashMap.newKeySet();

    /** Runs {@code work} as the function {@code logicalId} of template.yaml: its AWS calls are recorded. */
    static <T> T as(String logicalId, Supplier<T> work) {
        String outer = FUNCTION.get();
        FUNCTION.set(logicalId);
        try {
            return work.get();
        } finally {
            FUNCTION.set(outer);
        }
    }

    static Set<Call> calls() {
        return Set.copyOf(CALLS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = FUNCTION.get();
        if (function == null) {
            return;
        }
        SdkRequest request = context.request();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
        String prefix = switch (service) {
            case "DynamoDB", "DynamoDb" -> "dynamodb";
            case "Kms", "KMS" -> "kms";
            case "EventBridge" -> "events";
            default -> service.replace(" ", "").toLowerCase();
        };
        Optional<String> table = request.getValueForField("TableName", String.class);
        Optional<String> index = request.getValueForField("IndexName", String.class);
        String resource = table.map(t -> index.map(i -> t + "/index/" + i).orElse(t))
                .or(() -> request.getValueForField("SecretId", String.class)).orElse(prefix);
        CALLS.add(new Call(function, prefix + ":" + operation, resource));
    }
}
