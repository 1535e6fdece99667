package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PutItems of links and pointers in the order the SDK sent and answered them ({@code "sent link t1 v2"},
 * {@code "answered pointer t1"}), and how many were in flight at once; optionally failing the link write of one task
 * (as a network failure would) before it is sent.
 */
final class WriteTimeline implements ExecutionInterceptor {

    private final String failLinkOf;
    private final List<String> events = new ArrayList<>();
    private int inFlight;
    private int maxInFlight;
    private int answered;

    WriteTimeline(String failLinkOf) {
        this.failLinkOf = failLinkOf;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutItemRequest put)) {
            return;
        }
        String what = describe(put.item());
        if (failLinkOf != null && what.startsWith("link " + failLinkOf + " ")) {
            throw SdkClientException.create("injected: the network failed writing " + what);
        }
        synchronized (this) {
            events.add("sent " + what);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
            ended("answered " + describe(put.item()));
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put && !describe(put.item()).startsWith("link " + failLinkOf
                + " ")) {
            ended("failed " + describe(put.item()));
        }
    }

    private synchronized void ended(String event) {
        events.add(event);
        inFlight--;
        answered++;
    }

    private static String describe(Map<String, AttributeValue> item) {
        String taskId = item.get("taskId").s();
        return item.get("pk").s().startsWith("USER#")
                ? "link " + taskId + " v" + item.get("version").n()
                : "pointer " + taskId;
    }

    synchronized int indexOf(String event) {
        return events.indexOf(event);
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** PutItems that ended, answered or failed by the engine. */
    synchronized int answered() {
        return answered;
    }
}
