package com.salesconnect.tasksync.local;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --param LogLevel=X} sets the level of the local run's log, as the parameter sets LOG_LEVEL in Lambda. */
class LogLevelParameterTest {

    @Test
    void theLogLevelParameter_setsTheRunsLogLevel_andItsAbsenceLeavesIt() {
        Level before = LogManager.getRootLogger().getLevel();
        try {
            LocalRuntime.applyLogLevel(Map.of("LogLevel", "WARN"));
            assertThat(LogManager.getRootLogger().getLevel()).isEqualTo(Level.WARN);
            assertThat(LogManager.getLogger("com.salesconnect.tasksync.sync.TaskPusher").isInfoEnabled()).isFalse();

            LocalRuntime.applyLogLevel(Map.of("SweepSchedule", "rate(1 minute)"));
            assertThat(LogManager.getRootLogger().getLevel()).isEqualTo(Level.WARN);

            LocalRuntime.applyLogLevel(Map.of("LogLevel", "DEBUG"));
            assertThat(LogManager.getLogger("com.salesconnect.tasksync.sync.TaskPusher").isDebugEnabled()).isTrue();
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(before);
        }
    }
}
