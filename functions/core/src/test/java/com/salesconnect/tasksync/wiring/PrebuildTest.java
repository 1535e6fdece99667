package com.salesconnect.tasksync.wiring;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrebuildTest {

    private static Prebuild from(Map<String, String> variables) {
        return new Prebuild(variables::get);
    }

    @Test
    void onInALambdaStartedOnDemandOnly() {
        assertThat(from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f")).enabled()).isTrue();
        assertThat(from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))
                .enabled()).isTrue();
        assertThat(from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f", "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))
                .enabled()).isFalse();
        assertThat(from(Map.of()).enabled()).isFalse();
        assertThat(Prebuild.off().enabled()).isFalse();
    }

    @Test
    void buildsThePartOnADaemonThreadAndTheFirstUseGetsIt() throws InterruptedException {
        AtomicInteger builds = new AtomicInteger();
        AtomicReference<Thread> builder = new AtomicReference<>();
        CountDownLatch built = new CountDownLatch(1);
        Lazy<String> part = Lazy.of(() -> {
            builds.incrementAndGet();
            builder.set(Thread.currentThread());
            built.countDown();
            return "client";
        });

        from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f")).start("part", part);

        assertThat(built.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(part.get()).isEqualTo("client");
        assertThat(builds).hasValue(1);
        assertThat(builder.get()).isNotSameAs(Thread.currentThread());
        assertThat(builder.get().isDaemon()).isTrue();
        assertThat(builder.get().getName()).isEqualTo("prebuild-part");
    }

    @Test
    void aFailedBuildIsNotKeptTheFirstUseBuildsAgainAndReports() throws InterruptedException {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch tried = new CountDownLatch(1);
        Lazy<String> part = Lazy.of(() -> {
            builds.incrementAndGet();
            tried.countDown();
            throw new MissingConfigurationException("TOKEN_KEY_ID");
        });

        from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f")).start("part", part);
        assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(part::get).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("TOKEN_KEY_ID");
        assertThat(builds).hasValue(2);
    }

    @Test
    void workRunsOnADaemonThread_andItsFailureIsDropped() throws InterruptedException {
        AtomicReference<Thread> runner = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        Prebuild prebuild = from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "f"));

        prebuild.run("warm-up", () -> {
            runner.set(Thread.currentThread());
            ran.countDown();
            throw new IllegalStateException("the table is not there");
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.get()).isNotSameAs(Thread.currentThread());
        assertThat(runner.get().isDaemon()).isTrue();
        assertThat(runner.get().getName()).isEqualTo("prebuild-warm-up");
    }

    @Test
    void offRunsNoWork() {
        AtomicInteger runs = new AtomicInteger();
        Prebuild.off().run("warm-up", runs::incrementAndGet);
        assertThat(runs).hasValue(0);
    }

    @Test
    void offBuildsNothing() {
        AtomicInteger builds = new AtomicInteger();
        Prebuild.off().start("part", Lazy.of(() -> {
            builds.incrementAndGet();
            return "client";
        }));
        assertThat(builds).hasValue(0);
    }
}
