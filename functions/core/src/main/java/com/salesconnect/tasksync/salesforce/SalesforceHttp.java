package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.runtime.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.salesconnect.tasksync.salesforce.SalesforceTransport.ConnectFailure;
import com.salesconnect.tasksync.salesforce.SalesforceTransport.Request;
import com.salesconnect.tasksync.salesforce.SalesforceTransport.Response;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What every Salesforce call of a process shares: one {@link SalesforceTransport}, the JSON of the REST API, the clock
 * and the retry policy. Build it once per container and hand it to {@link SalesforceOAuth} and to every
 * connection's {@link HttpSalesforceApi}.
 *
 * <p>{@link #send} retries what is worth retrying (HTTP 5xx and 429, a top-level {@code UNABLE_TO_LOCK_ROW},
 * connect failures and timeouts) with {@link RetryPolicy} back-off and returns any other answer for the caller
 * to map. Only status codes and error codes are logged, never URLs with query text, bodies or tokens.
 */
public final class SalesforceHttp {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceHttp.class);

    private final SalesforceTransport client;
    private final SfJson json;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;
    private final Duration requestTimeout;

    /** Connect time-out of the default client. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Whole-request time-out of one attempt: a page of 2,000 rows answers well within it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Time an invocation keeps after its last Salesforce call, to store the outcome. */
    public static final Duration RESERVE = Duration.ofSeconds(5);
    /** An attempt with less time than this is not worth starting. */
    static final Duration MIN_ATTEMPT = Duration.ofSeconds(2);

    public SalesforceHttp(SalesforceTransport client, RetryPolicy retry, Sleeper sleeper,
                          RandomGenerator random, Clock clock, Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.json = new SfJson();
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Production settings: 5 s to connect, 30 s per request, {@link RetryPolicy#DEFAULT}, real sleeps. */
    public static SalesforceHttp standard(Clock clock) {
        return new SalesforceHttp(defaultClient(CONNECT_TIMEOUT), RetryPolicy.DEFAULT,
                Sleeper.system(), new SecureRandom(), clock, REQUEST_TIMEOUT);
    }

    /**
     * The one client: HTTP/1.1 on {@link java.net.HttpURLConnection}, redirects never followed (a redirect must
     * not carry a bearer token elsewhere); see {@link SalesforceTransport}.
     */
    public static SalesforceTransport defaultClient(Duration connectTimeout) {
        return new SalesforceTransport(connectTimeout);
    }

    /** Whether a request may be sent again after it may have reached Salesforce without an answer coming back. */
    enum Replay {
        /** Reads, updates, deletes and token requests: doing them twice does no harm. */
        SAFE,
        /** Creates: a lost answer may hide created records, so only failures before sending are retried. */
        ONLY_IF_NOT_SENT
    }

    Clock clock() {
        return clock;
    }

    SfJson json() {
        return json;
    }

    RetryPolicy retryPolicy() {
        return retry;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Waits before retry number {@code retryNumber}; an interrupt ends the call as unavailable. */
    void backOff(String operation, int retryNumber) {
        Duration delay = retry.delayBefore(retryNumber, random);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceUnavailableException("Salesforce " + operation + " interrupted", e);
        }
    }

    /**
     * Sends the request built by {@code request} (rebuilt per attempt), retrying retryable outcomes; returns the
     * first answer that is not retryable.
     *
     * @throws SalesforceUnavailableException when the retries are used up or a send may not be replayed
     */
    Response send(String operation, Supplier<Request> request, Replay replay) {
        return send(operation, request, replay, Deadline.NONE);
    }

    /**
     * Like {@link #send(String, Supplier, Replay)}, within {@code deadline}: an attempt starts only when its whole
     * time-out and {@link #RESERVE} still fit, and waits at most what is left, so no call outlives the invocation.
     *
     * @throws OutOfTimeException when not even a first attempt fits
     */
    Response send(String operation, Supplier<Request> request, Replay replay, Deadline deadline) {
        boolean mayHaveWritten = false; // whether an attempt so far can have been carried out
        for (int attempt = 1; ; attempt++) {
            String failure;
            Exception cause = null;
            boolean retryable;
            Duration left = deadline.remaining().minus(RESERVE);
            if (left.compareTo(MIN_ATTEMPT) < 0) {
                // Not even this attempt fits. A write is only ever retried after an answer that it was not done, so
                // for a create nothing before this point can have been written either.
                throw new OutOfTimeException("Salesforce " + operation + " not started: the invocation is out of time");
            }
            Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
            try {
                Response response = client.exchange(request.get(), timeout);
                String reason = retryableReason(response);
                if (reason == null) {
                    return response;
                }
                failure = reason;
                boolean undone = answeredUndone(response);
                retryable = undone || replay == Replay.SAFE;
                mayHaveWritten |= !undone;
            } catch (ConnectFailure e) {
                failure = "connect failure";
                cause = e;
                retryable = true;
            } catch (SocketTimeoutException e) {
                failure = "read timeout";
                cause = e;
                retryable = replay == Replay.SAFE;
                mayHaveWritten = true;
            } catch (IOException e) {
                failure = "I/O failure " + e.getClass().getSimpleName();
                cause = e;
                retryable = replay == Replay.SAFE;
                mayHaveWritten = true;
            }
            if (!retryable || attempt >= retry.maxAttempts()) {
                LOG.warn("Salesforce {} failed: {} (attempt {}/{}, giving up)", operation, failure, attempt,
                        retry.maxAttempts());
                String message = "Salesforce " + operation + " failed: " + failure + " after " + attempt
                        + " attempt(s)";
                throw mayHaveWritten ? new SalesforceUnavailableException(message, cause)
                        : SalesforceUnavailableException.nothingWritten(message, cause);
            }
            LOG.info("Salesforce {} failed: {} (attempt {}/{}, retrying)", operation, failure, attempt,
                    retry.maxAttempts());
            backOff(operation, attempt);
        }
    }

    /**
     * Whether a retryable answer says the request was not carried out: Salesforce documents 500 as "the request
     * couldn't be completed" and 503 as the server unavailable to handle it; the 4xx ones (429, UNABLE_TO_LOCK_ROW)
     * refuse it. A 502 or 504 comes from a gateway that may have given up on a request Salesforce went on to commit.
     */
    private boolean answeredUndone(Response response) {
        int status = response.statusCode();
        return status < 500 || status == 500 || status == 503;
    }

    /** Why an answer is worth retrying, or null when it is final. */
    private String retryableReason(Response response) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            return "HTTP " + status;
        }
        if (status >= 400 && json.errors(response.body()).stream()
                .anyMatch(e -> "UNABLE_TO_LOCK_ROW".equals(e.statusCode()))) {
            return "HTTP " + status + " UNABLE_TO_LOCK_ROW";
        }
        return null;
    }

    Request request(URI uri) {
        return new Request(uri).header("Accept", "application/json");
    }
}
