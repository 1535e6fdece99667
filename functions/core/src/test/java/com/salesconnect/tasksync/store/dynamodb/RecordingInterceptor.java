package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records every write request exactly as the SDK is about to send it. */
final class RecordingInterceptor implements ExecutionInterceptor {

    /**
     * One write: the operation, the item's sort key (or taskId on the TasksTable) and its condition. Each item of a
     * BatchWriteItem request is one write, {@code BatchWriteItem#n:Put} or {@code BatchWriteItem#n:Delete}, n counting
     * those requests from 1; an UpdateItem is {@code UpdateItem <its update expression>}.
     */
    record Write(String operation, String key, String condition, Map<String, AttributeValue> values) {
    }

    private final List<Write> writes = new ArrayList<>();
    private int batches;

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
            writes.add(new Write("PutItem", key(put.item()), put.conditionExpression(),
                    put.expressionAttributeValues()));
        } else if (context.request() instanceof DeleteItemRequest delete) {
            writes.add(new Write("DeleteItem", key(delete.key()), delete.conditionExpression(),
                    delete.expressionAttributeValues()));
        } else if (context.request() instanceof UpdateItemRequest update) {
            writes.add(new Write("UpdateItem " + update.updateExpression(), key(update.key()),
                    update.conditionExpression(), update.expressionAttributeValues()));
        } else if (context.request() instanceof BatchWriteItemRequest batch) {
            batches++;
            batch.requestItems().values().forEach(requests -> requests.forEach(r -> writes.add(r.putRequest() != null
                    ? new Write("BatchWriteItem#" + batches + ":Put", key(r.putRequest().item()), null, Map.of())
                    : new Write("BatchWriteItem#" + batches + ":Delete", key(r.deleteRequest().key()), null,
                    Map.of()))));
        }
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.containsKey("sk") ? item.get("sk").s() : item.get("taskId").s();
    }

    synchronized List<Write> takeAll() {
        List<Write> taken = List.copyOf(writes);
        writes.clear();
        batches = 0;
        return taken;
    }
}
