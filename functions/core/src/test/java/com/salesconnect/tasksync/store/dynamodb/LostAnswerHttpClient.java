package com.salesconnect.tasksync.store.dynamodb;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP client that sends every request, but throws away the answer to the first one of the given DynamoDB
 * operations (an {@link IOException} after the engine wrote): the SDK then retries a write that landed, as it does
 * when DynamoDB's answer is lost or late on its way back.
 */
final class LostAnswerHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;
    private final Set<String> operations;
    private final AtomicInteger lost = new AtomicInteger();

    LostAnswerHttpClient(SdkHttpClient delegate, Set<String> operations) {
        this.delegate = delegate;
        this.operations = operations;
    }

    /** How many answers were thrown away (at most one). */
    int lost() {
        return lost.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.substring(target.lastIndexOf('.') + 1);
        if (!operations.contains(operation) || lost.get() > 0) {
            return call;
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = call.call();
                if (lost.getAndIncrement() > 0) {
                    return response;
                }
                if (response.responseBody().isPresent()) {
                    try (InputStream body = response.responseBody().get()) {
                        body.readAllBytes();
                    }
                }
                throw new IOException("the answer to " + operation + " was lost after the engine wrote (test)");
            }

            @Override
            public void abort() {
                call.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return "LostAnswer";
    }

    @Override
    public void close() {
        delegate.close();
    }
}
