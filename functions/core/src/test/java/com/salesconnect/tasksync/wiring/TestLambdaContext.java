package com.salesconnect.tasksync.wiring;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/** A Lambda {@link Context} for handler tests: a request id and a remaining time the test controls. */
public final class TestLambdaContext implements Context {

    private final String requestId;
    private final LongSupplier remainingMillis;

    public TestLambdaContext(String requestId, LongSupplier remainingMillis) {
        this.requestId = requestId;
        this.remainingMillis = remainingMillis;
    }

    /** Plenty of time left (15 minutes). */
    public static TestLambdaContext of(String requestId) {
        return new TestLambdaContext(requestId, () -> 900_000L);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.min(Integer.MAX_VALUE, remainingMillis.getAsLong());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
