package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;

class LimitsAndFaultsTest {

    private final EmulatorFixture fx = new EmulatorFixture(c -> c.withDailyApiLimit(3));
    private final String token = fx.token();

    @AfterEach
    void stop() {
        fx.close();
    }

    private TestHttp.Res call() {
        return fx.http.get(V + "/limits", token);
    }

    @Test
    void everyResponseReportsUsageAndTheLimitsResourceAgrees() {
        TestHttp.Res first = call();
        assertThat(first.header("Sforce-Limit-Info")).contains("api-usage=1/3");
        JsonNode limits = call().json();
        assertThat(limits.get("DailyApiRequests").get("Max").asLong()).isEqualTo(3);
        assertThat(limits.get("DailyApiRequests").get("Remaining").asLong()).isEqualTo(1);
    }

    @Test
    void overTheLimitCallsAreRefusedUntilTheRollingWindowFreesThem() {
        call();
        fx.clock.advance(Duration.ofHours(1));
        call();
        call();
        TestHttp.Res refused = call();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get(0).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.json().get(0).get("message").asText()).isEqualTo("TotalRequests Limit exceeded.");
        assertThat(refused.header("Sforce-Limit-Info")).contains("api-usage=3/3");
        fx.clock.advance(Duration.ofHours(23));
        TestHttp.Res again = fx.http.get(V + "/limits", fx.token());
        assertThat(again.status()).as("the first call left the 24-hour window").isEqualTo(200);
        assertThat(again.header("Sforce-Limit-Info")).contains("api-usage=3/3");
    }

    @Test
    void oauthCallsDoNotCount() {
        fx.token();
        fx.token();
        assertThat(fx.sf.org().apiUsage().used()).isZero();
    }

    @Test
    void serverFaults_answerTheNextMatchingCallsThenStop() {
        fx.sf.org().setDailyApiLimit(100);
        fx.sf.faults().add(FaultRule.next(FaultKind.HTTP_503, 2).matching("GET", "/limits"));
        fx.sf.faults().add(FaultRule.next(FaultKind.HTTP_500, 1).matching("POST", null));
        assertThat(fx.http.get(V + "/query?" + TestHttp.query("SELECT Id FROM Task"), token).status()).isEqualTo(200);
        TestHttp.Res unavailable = call();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().get(0).get("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
        assertThat(call().status()).isEqualTo(503);
        assertThat(call().status()).isEqualTo(200);
        TestHttp.Res error = fx.http.post(V + "/sobjects/Task", token, Map.of("Subject", "a"));
        assertThat(error.status()).isEqualTo(500);
        assertThat(fx.sf.org().tasks()).isEmpty();
        assertThat(fx.sf.faults().pending()).isEmpty();
    }

    @Test
    void requestLimitFault_answers403WhateverTheUsage() {
        fx.sf.faults().add(FaultRule.next(FaultKind.REQUEST_LIMIT_EXCEEDED, 1));
        TestHttp.Res res = call();
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.json().get(0).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(call().status()).isEqualTo(200);
    }

    @Test
    void latencyFault_delaysTheCall() {
        fx.sf.faults().add(FaultRule.latency(Duration.ofMillis(300), 1));
        long start = System.nanoTime();
        assertThat(call().status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
