package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.salesforce.HttpSalesforceApi;
import com.salesconnect.tasksync.salesforce.RequestLimitExceededException;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Failures the emulator produces as Salesforce does, and the typed outcome and retries the client gives them. */
@AwsEngineTest
class FailuresIT {

    private static final Soql ALL_TASKS = Soql.of("SELECT Id, Subject FROM Task");

    private final EmulatedSalesforce org;
    private final String userId = EmulatedSalesforce.uniqueUser();
    private final SalesforceApi api;

    FailuresIT(AwsResources aws) {
        this.org = new EmulatedSalesforce(aws);
        this.api = org.connectedApi(userId, DEMO);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private static SfWrite task(String subject) {
        return new SfWrite(subject, null, Map.of("Subject", subject));
    }

    @Test
    void requestLimitExceeded_isATypedFailure_andBlocksTheOrgForEveryContainerUntilTheBackOffEnds() {
        org.sf.org().setDailyApiLimit(2);
        api.query(ALL_TASKS);
        api.query(ALL_TASKS);
        Instant refusedAt = org.clock.instant();

        RequestLimitExceededException exceeded = catchThrowableOfType(RequestLimitExceededException.class,
                () -> api.query(ALL_TASKS));

        assertThat(exceeded).isNotNull();
        assertThat(exceeded.retryAfter()).isEqualTo(refusedAt.plus(HttpSalesforceApi.LIMIT_BACKOFF));
        assertThat(org.stores.orgLimits().blockedUntil(OrgId.of(org.sf.org().id()))).contains(exceeded.retryAfter());

        // the org has capacity again, but no container calls it before the block ends
        org.sf.org().setDailyApiLimit(1_000);
        SalesforceApi elsewhere = org.apiInAnotherContainer(userId, Duration.ofSeconds(10));
        long used = org.apiCallsUsed();
        assertThat(catchThrowableOfType(RequestLimitExceededException.class, () -> elsewhere.query(ALL_TASKS)))
                .isNotNull();
        assertThat(catchThrowableOfType(RequestLimitExceededException.class, () -> api.create(List.of(task("x")))))
                .isNotNull();
        assertThat(org.apiCallsUsed()).as("no request reached the org").isEqualTo(used);

        org.clock.advance(HttpSalesforceApi.LIMIT_BACKOFF.plusSeconds(1));

        assertThat(elsewhere.query(ALL_TASKS).records()).isEmpty();
        assertThat(org.apiCallsUsed()).isEqualTo(used + 1);
    }

    @Test
    void serverUnavailable_isRetriedWithBoundedBackOff_andTheReadSucceeds() {
        api.create(List.of(task("Call Ada")));
        org.sf.faults().add(FaultRule.next(FaultKind.HTTP_503, 2).matching("GET", "/query"));

        List<String> subjects = api.query(ALL_TASKS).records().stream().map(t -> t.subject()).toList();

        assertThat(subjects).containsExactly("Call Ada");
        assertThat(org.sf.faults().pending()).isEmpty();
        assertThat(org.sleeper.waits()).hasSize(2);
        assertThat(org.sleeper.waits().get(0)).isLessThanOrEqualTo(Duration.ofMillis(org.retry.ceilingMillis(1)));
        assertThat(org.sleeper.waits().get(1)).isLessThanOrEqualTo(Duration.ofMillis(org.retry.ceilingMillis(2)));
    }

    @Test
    void serverErrors_beyondTheRetryBound_areUnavailable_afterExactlyMaxAttempts() {
        org.sf.faults().add(FaultRule.next(FaultKind.HTTP_500, 5).matching("GET", "/query"));

        SalesforceUnavailableException unavailable = catchThrowableOfType(SalesforceUnavailableException.class,
                () -> api.query(ALL_TASKS));

        assertThat(unavailable).isNotNull();
        assertThat(org.sf.faults().pending()).singleElement()
                .satisfies(rule -> assertThat(rule.count()).isEqualTo(5 - org.retry.maxAttempts()));
        assertThat(org.sleeper.waits()).hasSize(org.retry.maxAttempts() - 1);
    }

    @Test
    void createAnswered503_isRetried_andCreatesEachTaskOnce() {
        org.sf.faults().add(FaultRule.next(FaultKind.HTTP_503, 1).matching("POST", "/composite/sobjects"));

        List<SaveResult> results = api.create(List.of(task("One"), task("Two")));

        assertThat(results).allMatch(SaveResult.Saved.class::isInstance);
        assertThat(org.sf.org().tasks()).extracting(t -> t.string("Subject")).containsExactly("One", "Two");
    }

    @Test
    void readTimeout_ofAQuery_isRetried() {
        SalesforceApi impatient = org.apiInAnotherContainer(userId, Duration.ofMillis(400));
        impatient.create(List.of(task("Call Ada")));
        org.sf.faults().add(FaultRule.latency(Duration.ofMillis(1_200), 1).matching("GET", "/query"));

        assertThat(impatient.query(ALL_TASKS).records()).hasSize(1);
        assertThat(org.sleeper.waits()).hasSize(1);
    }

    @Test
    void readTimeout_ofACreate_isNotReplayed_soTheTaskIsCreatedOnceAndTheCallerIsToldItIsUnknown()
            throws InterruptedException {
        SalesforceApi impatient = org.apiInAnotherContainer(userId, Duration.ofMillis(400));
        impatient.query(ALL_TASKS); // the session exists before the slow call
        org.sf.faults().add(FaultRule.latency(Duration.ofMillis(1_200), 1).matching("POST", "/composite/sobjects"));

        SalesforceUnavailableException unknown = catchThrowableOfType(SalesforceUnavailableException.class,
                () -> impatient.create(List.of(task("Maybe created"))));

        assertThat(unknown).isNotNull();
        Thread.sleep(1_500); // the emulator finishes the slow request after the client gave up on it
        assertThat(org.sf.org().tasks()).extracting(t -> t.string("Subject")).containsExactly("Maybe created");
        assertThat(org.sleeper.waits()).isEmpty();
    }

    @Test
    void everySessionExpiredAtOnce_theCallRenewsAndIsReplayed_creatingEachTaskOnce() {
        api.query(ALL_TASKS);
        org.sf.expireAllSessions();

        List<SaveResult> results = api.create(List.of(task("After expiry")));

        assertThat(results).singleElement().isInstanceOf(SaveResult.Saved.class);
        assertThat(org.sf.org().tasks()).extracting(t -> t.string("Subject")).containsExactly("After expiry");
    }
}
