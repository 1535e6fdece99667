package com.salesconnect.tasksync.simulation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest {

    @Test
    void oneSeed_alwaysReplaysTheSameRun() {
        for (long seed : new long[] {1L, 0xCAFEL, -7L}) {
            Simulation.Outcome a = Simulation.run(Schedule.generate(seed, 150), true);
            Simulation.Outcome b = Simulation.run(Schedule.generate(seed, 150), true);
            assertThat(b.log()).isEqualTo(a.log());
            assertThat(b.violation()).isEqualTo(a.violation());
            assertThat(b.faults()).isEqualTo(a.faults());
            assertThat(a.log()).contains("#1 ");
        }
    }

    @Test
    void aScheduleWrittenDown_readsBackAsTheSameSteps() {
        Schedule s = Schedule.generate(42L, 60);
        assertThat(Schedule.parse(s.text())).isEqualTo(s);
    }
}
