package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records every write request exactly as the SDK is about to send it. */
final class RecordingInterceptor implements ExecutionInterceptor {

    /** One write: the operation, the item's sort key (or taskId on the TasksTable) and its condition. */
    record Write(String operation, String key, String condition, Map<String, AttributeValue> values) {
    }

    private final List<Write> writes = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
            writes.add(new Write("PutItem", key(put.item()), put.conditionExpression(),
                    put.expressionAttributeValues()));
        } else if (context.request() instanceof DeleteItemRequest delete) {
            writes.add(new Write("DeleteItem", key(delete.key()), delete.conditionExpression(),
                    delete.expressionAttributeValues()));
        }
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.containsKey("sk") ? item.get("sk").s() : item.get("taskId").s();
    }

    synchronized List<Write> takeAll() {
        List<Write> taken = List.copyOf(writes);
        writes.clear();
        return taken;
    }
}
