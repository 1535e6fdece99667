package com.salesconnect.tasksync.acceptance;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records every AWS call a function's code makes, so the test can hold them against the function's IAM policy in
 * template.yaml. The SDK loads it for every client of this test JVM (a global interceptor, listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}) and creates it itself, which is why the
 * record is static: calls count only inside {@link #as}, i.e. while a handler runs on the calling thread.
 *
 * <p>Each call carries the condition keys IAM would evaluate for it: {@code dynamodb:LeadingKeys} (the partition
 * key of the item, or of a Query's key condition; the key names come from the template through
 * {@link #partitionKeys}), and a KMS call's {@code kms:EncryptionContext:<key>} and {@code kms:EncryptionContextKeys}.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    /** The condition key of DynamoDB partition keys. */
    static final String LEADING_KEYS = "dynamodb:LeadingKeys";

    /**
     * One call: IAM action ({@code dynamodb:GetItem}), the resource (table, table/index/name, key id, secret id, or
     * the service) and the condition keys of the request.
     */
    public record Call(String function, String action, String resource, Map<String, List<String>> context) {
    }

    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
    private static final Set<Call> CALLS = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> PARTITION_KEYS = new ConcurrentHashMap<>();
    private static final Pattern EQUALITY = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

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

    /** The partition key attribute of each table and index by physical name: {@code table}, {@code table/index/I}. */
    static void partitionKeys(Map<String, String> keys) {
        PARTITION_KEYS.putAll(keys);
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
        String prefix = switch (service.replace(" ", "").toLowerCase()) {
            case "eventbridge" -> "events";
            default -> service.replace(" ", "").toLowerCase();
        };
        if (prefix.equals("dynamodb") && operation.equals("BatchGetItem")) {
            batchGet(function, request);
            return;
        }
        if (prefix.equals("dynamodb") && operation.equals("BatchWriteItem")) {
            batchWrite(function, request);
            return;
        }
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        String resource = switch (prefix) {
            case "dynamodb" -> dynamoDb(request, conditions);
            case "kms" -> kms(request, conditions);
            case "secretsmanager" -> request.getValueForField("SecretId", String.class).orElse(prefix);
            default -> prefix;
        };
        CALLS.add(new Call(function, prefix + ":" + operation, resource, Map.copyOf(conditions)));
    }

    private static String dynamoDb(SdkRequest request, Map<String, List<String>> conditions) {
        Optional<String> table = request.getValueForField("TableName", String.class);
        Optional<String> index = request.getValueForField("IndexName", String.class);
        if (table.isEmpty()) {
            return "dynamodb";
        }
        String resource = index.map(i -> table.get() + "/index/" + i).orElse(table.get());
        String partitionKey = PARTITION_KEYS.get(resource);
        if (partitionKey != null) {
            leadingKey(request, partitionKey).ifPresent(key -> conditions.put(LEADING_KEYS, List.of(key)));
        }
        return resource;
    }

    /** BatchGetItem: one call per table, its LeadingKeys every partition key value the batch reads there. */
    @SuppressWarnings("unchecked")
    private static void batchGet(String function, SdkRequest request) {
        Map<String, KeysAndAttributes> items = request.getValueForField("RequestItems", Map.class)
                .map(m -> (Map<String, KeysAndAttributes>) m).orElse(Map.of());
        items.forEach((table, keys) -> {
            String partitionKey = PARTITION_KEYS.get(table);
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            if (partitionKey != null) {
                conditions.put(LEADING_KEYS, keys.keys().stream().filter(k -> k.containsKey(partitionKey))
                        .map(k -> text(k.get(partitionKey))).distinct().toList());
            }
            CALLS.add(new Call(function, "dynamodb:BatchGetItem", table, Map.copyOf(conditions)));
        });
    }

    /** BatchWriteItem: one call per table, its LeadingKeys every partition key value the batch writes there. */
    @SuppressWarnings("unchecked")
    private static void batchWrite(String function, SdkRequest request) {
        Map<String, List<WriteRequest>> items = request.getValueForField("RequestItems", Map.class)
                .map(m -> (Map<String, List<WriteRequest>>) m).orElse(Map.of());
        items.forEach((table, writes) -> {
            String partitionKey = PARTITION_KEYS.get(table);
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            if (partitionKey != null) {
                conditions.put(LEADING_KEYS, writes.stream()
                        .map(w -> w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key())
                        .filter(k -> k.containsKey(partitionKey))
                        .map(k -> text(k.get(partitionKey))).distinct().toList());
            }
            CALLS.add(new Call(function, "dynamodb:BatchWriteItem", table, Map.copyOf(conditions)));
        });
    }

    /** The partition key value of an item request, or the one a Query's key condition names. */
    @SuppressWarnings("unchecked")
    private static Optional<String> leadingKey(SdkRequest request, String partitionKey) {
        Optional<Map<String, AttributeValue>> key = request.getValueForField("Key", Map.class)
                .or(() -> request.getValueForField("Item", Map.class))
                .map(m -> (Map<String, AttributeValue>) m);
        if (key.isPresent() && key.get().containsKey(partitionKey)) {
            return Optional.of(text(key.get().get(partitionKey)));
        }
        Optional<String> keyCondition = request.getValueForField("KeyConditionExpression", String.class);
        if (keyCondition.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> names = request.getValueForField("ExpressionAttributeNames", Map.class)
                .map(m -> (Map<String, String>) m).orElse(Map.of());
        Map<String, AttributeValue> values = request.getValueForField("ExpressionAttributeValues", Map.class)
                .map(m -> (Map<String, AttributeValue>) m).orElse(Map.of());
        Matcher m = EQUALITY.matcher(keyCondition.get());
        while (m.find()) {
            if (names.getOrDefault(m.group(1), m.group(1)).equals(partitionKey) && values.containsKey(m.group(2))) {
                return Optional.of(text(values.get(m.group(2))));
            }
        }
        return Optional.empty();
    }

    private static String text(AttributeValue value) {
        return value.s() != null ? value.s() : value.n();
    }

    @SuppressWarnings("unchecked")
    private static String kms(SdkRequest request, Map<String, List<String>> conditions) {
        Map<String, String> context = request.getValueForField("EncryptionContext", Map.class)
                .map(m -> (Map<String, String>) m).orElse(Map.of());
        if (!context.isEmpty()) {
            context.forEach((k, v) -> conditions.put("kms:EncryptionContext:" + k, List.of(v)));
            conditions.put("kms:EncryptionContextKeys", List.copyOf(new ArrayList<>(context.keySet())));
        }
        return request.getValueForField("KeyId", String.class).orElse("kms");
    }
}
