package com.salesconnect.tasksync.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void noOptions_runsEveryPhaseAtIssue12sSizes() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        assertThat(o.phases()).isEqualTo(EnumSet.allOf(Phase.class));
        assertThat(o.sizes()).isEqualTo(Sizes.FULL);
        assertThat(o.sizes().largeHolding()).isEqualTo(10_000);
        assertThat(o.sizes().idleUsers()).containsExactly(1, 50, 500);
        assertThat(o.json()).isEqualTo(Path.of("infra/bench/target/bench.json"));
        assertThat(o.waitLimit()).isEqualTo(Duration.ofSeconds(900));
        assertThat(o.importLimit()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void quick_isTenTimesSmaller_atLeastOneOfEach() {
        Sizes s = BenchOptions.parse(new String[]{"--quick"}).sizes();
        assertThat(s.smallHolding()).isEqualTo(10);
        assertThat(s.largeHolding()).isEqualTo(1_000);
        assertThat(s.burst()).isEqualTo(100);
        assertThat(s.inbound()).isEqualTo(30);
        assertThat(s.idleUsers()).containsExactly(1, 5, 50);
        assertThat(s.fanOutUsers()).isEqualTo(1_000);
        assertThat(Sizes.FULL.scaled(0.001).idleUsers()).containsExactly(1);
    }

    @Test
    void phases_selectASubset_inTheirOwnOrder() {
        BenchOptions o = BenchOptions.parse(new String[]{"--phases", "reads, import", "--scale", "0.5"});
        assertThat(o.phases()).containsExactlyInAnyOrder(Phase.IMPORT, Phase.READS);
        assertThat(o.runs(Phase.FANOUT)).isFalse();
        assertThat(o.sizes().largeHolding()).isEqualTo(5_000);
    }

    @Test
    void fanOutUsers_overrideOnlyTheFanOut() {
        Sizes s = BenchOptions.parse(new String[]{"--fanout-users", "2000"}).sizes();
        assertThat(s.fanOutUsers()).isEqualTo(2_000);
        assertThat(s.largeHolding()).isEqualTo(10_000);
        assertThat(s.fanOutOrgs()).isEqualTo(3);
        assertThat(Sizes.FULL.fanOutOrgs()).isEqualTo(19);
    }

    @Test
    void badOptions_areRefusedWithAReason() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--phases", "warp"}))
                .hasMessageContaining("unknown phase warp");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--scale", "-1"}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--scale"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--fast"})).hasMessageContaining("unknown option");
    }

    @Test
    void theWorld_givesEachUserUnderTestAnOrgOfItsOwn_andTheFanOutOrgsOfTheIdleOrgsSize() {
        World world = World.of(Sizes.FULL.scaled(0.1));
        var seed = world.seed();
        assertThat(seed.orgs()).extracting(org -> org.name()).startsWith(World.SMALL_ORG, World.LARGE_ORG,
                World.IDLE_ORG, World.CDC_ORG, "Bench Fan-out 01");
        assertThat(seed.orgs()).hasSize(4 + 19);
        assertThat(seed.orgs().get(2).users()).hasSize(50);
        assertThat(seed.orgs().get(3).users()).extracting(u -> u.username()).containsExactly(
                "bench-cdc-0001@bench.example", "bench-cdc-0002@bench.example", "bench-cdc-0003@bench.example",
                "bench-cdc-0004@bench.example", "bench-cdc-0005@bench.example");
        assertThat(seed.orgs().get(4).users().get(0).username()).isEqualTo("bench-fan-01-0001@bench.example");
        assertThat(List.of(World.sfUsername(World.LARGE_USER))).containsExactly("bench-large@bench.example");
    }
}
