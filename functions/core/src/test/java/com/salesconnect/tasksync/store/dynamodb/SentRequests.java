package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.ArrayList;
import java.util.List;

/** Every request the SDK sends, by operation name ({@code Query}, {@code GetItem}); a PutItem with its condition. */
final class SentRequests implements ExecutionInterceptor {

    private final List<String> sent = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = context.request().getClass().getSimpleName().replace("Request", "");
        if (context.request() instanceof PutItemRequest put) {
            operation += " " + put.conditionExpression();
        }
        sent.add(operation);
    }

    /** The requests sent since the last call. */
    synchronized List<String> takeAll() {
        List<String> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }
}
