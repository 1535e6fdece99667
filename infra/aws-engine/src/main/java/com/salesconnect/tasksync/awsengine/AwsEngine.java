package com.salesconnect.tasksync.awsengine;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * A running implementation of the AWS APIs reachable over HTTP (moto_server or LocalStack): what the tests
 * and the local runtime point their SDK clients at instead of AWS.
 */
public interface AwsEngine extends AutoCloseable {

    URI endpoint();

    Region region();

    /** Static credentials the engine accepts; never real ones. */
    AwsCredentialsProvider credentials();

    /** Engine name for the log, e.g. {@code moto_server}. */
    String name();

    /** Engine version for the log, e.g. {@code 5.2.1}. */
    String version();

    /** Returns the engine to an empty state: no tables, queues, custom buses or keys survive. */
    void reset();

    /** Stops the engine; idempotent. */
    @Override
    void close();

    default String describe() {
        return name() + " " + version() + " at " + endpoint();
    }
}
