package com.salesconnect.tasksync.emulator;

import com.salesconnect.tasksync.emulator.outbound.OutboundConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorConfigTest {

    private final EmulatorConfig base = EmulatorConfig.forTests(MutableClock.fixed(Instant.EPOCH));

    @Test
    void toBuilder_buildsAnEqualConfiguration() {
        assertThat(base.toBuilder().build()).isEqualTo(base);
        EmulatorConfig defaults = EmulatorConfig.defaults();
        assertThat(EmulatorConfig.builder().clock(defaults.clock()).seed(defaults.seed()).build()).isEqualTo(defaults);
    }

    @Test
    void withers_changeOnlyTheirOwnSetting() {
        EmulatorConfig changed = base.withQueryPageSize(3).withRefreshTokenRotation(true, Duration.ofSeconds(30))
                .withOpenPasswordGrant(true);

        assertThat(changed.queryPageSize()).isEqualTo(3);
        assertThat(changed.refreshTokenRotation()).isTrue();
        assertThat(changed.rotationGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.openPasswordGrant()).isTrue();
        assertThat(changed).usingRecursiveComparison()
                .ignoringFields("queryPageSize", "refreshTokenRotation", "rotationGracePeriod", "openPasswordGrant")
                .isEqualTo(base);
    }

    @Test
    void builder_setsEverySettingItNames() {
        OutboundConfig outbound = OutboundConfig.defaults();
        EmulatorConfig built = base.toBuilder().port(8443).bindAddress("0.0.0.0").dailyApiLimit(5)
                .accessTokenLifetime(Duration.ofMinutes(5)).auditFieldsOnCreate(false)
                .recycleBinRetention(Duration.ofDays(1)).maxRequestBytes(4096).outbound(outbound).build();

        assertThat(built).extracting(EmulatorConfig::port, EmulatorConfig::bindAddress, EmulatorConfig::dailyApiLimit,
                        EmulatorConfig::accessTokenLifetime, EmulatorConfig::auditFieldsOnCreate,
                        EmulatorConfig::recycleBinRetention, EmulatorConfig::maxRequestBytes, EmulatorConfig::outbound)
                .containsExactly(8443, "0.0.0.0", 5L, Duration.ofMinutes(5), false, Duration.ofDays(1), 4096, outbound);
    }

    @Test
    void build_checksLikeTheConstructor() {
        assertThatThrownBy(() -> base.toBuilder().queryPageSize(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.toBuilder().clock(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
    }
}
