package com.salesconnect.tasksync.emulator;

import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.outbound.OutboundConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an emulator instance behaves. {@link #defaults()} is a Developer Edition-like org: 15,000 API requests a
 * day, 2-hour access tokens, no refresh-token rotation, "Set Audit Fields upon Record Creation" on.
 *
 * @param port                    0 picks a free port
 * @param bindAddress             the interface to listen on (loopback unless told otherwise)
 * @param clock                   the emulator's time; a {@link MutableClock} lets tests and the admin API move it
 * @param rotationGracePeriod     how long a rotated refresh token keeps working (zero: invalid at once)
 * @param queryPageSize           rows per query page (Salesforce: 2000); smaller makes paging testable
 * @param recycleBinRetention     how long deleted rows stay queryable (Salesforce: 15 days)
 * @param maxRequestBytes         larger request bodies are refused with HTTP 413
 * @param openPasswordGrant       the password grant accepts any client id, with or without a secret, so any
 *                                Salesforce client (a script, a CLI) can log in as a seeded user; off by default
 */
public record EmulatorConfig(int port, String bindAddress, Clock clock, SeedData seed, long dailyApiLimit,
                             Duration accessTokenLifetime, boolean refreshTokenRotation,
                             Duration rotationGracePeriod, boolean auditFieldsOnCreate, int queryPageSize,
                             Duration recycleBinRetention, int maxRequestBytes, OutboundConfig outbound,
                             boolean openPasswordGrant) {

    public EmulatorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(rotationGracePeriod, "rotationGracePeriod");
        Objects.requireNonNull(recycleBinRetention, "recycleBinRetention");
        Objects.requireNonNull(outbound, "outbound");
        if (port < 0 || port > 65535 || dailyApiLimit < 0 || queryPageSize < 1 || maxRequestBytes < 1024) {
            throw new IllegalArgumentException("port 0-65535, dailyApiLimit >= 0, queryPageSize >= 1, "
                    + "maxRequestBytes >= 1024");
        }
    }

    public static EmulatorConfig defaults() {
        return new EmulatorConfig(0, "127.0.0.1", MutableClock.system(), SeedData.demo(), 15_000,
                Duration.ofHours(2), false, Duration.ZERO, true, 2000, Duration.ofDays(15), 8 * 1024 * 1024,
                OutboundConfig.defaults(), false);
    }

    /** For tests: a clock that stands still until moved, outbound retries within milliseconds. */
    public static EmulatorConfig forTests(MutableClock clock) {
        return defaults().withClock(clock).withOutbound(OutboundConfig.fastForTests());
    }

    /** A builder holding {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder holding this configuration, to change a few settings and {@link Builder#build()} a new one. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public EmulatorConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public EmulatorConfig withBindAddress(String address) {
        return toBuilder().bindAddress(address).build();
    }

    public EmulatorConfig withClock(Clock newClock) {
        return toBuilder().clock(newClock).build();
    }

    public EmulatorConfig withSeed(SeedData newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public EmulatorConfig withDailyApiLimit(long limit) {
        return toBuilder().dailyApiLimit(limit).build();
    }

    public EmulatorConfig withAccessTokenLifetime(Duration lifetime) {
        return toBuilder().accessTokenLifetime(lifetime).build();
    }

    /** Refresh-token rotation: each refresh answers a new refresh token; the used one lasts {@code grace}. */
    public EmulatorConfig withRefreshTokenRotation(boolean rotate, Duration grace) {
        return toBuilder().refreshTokenRotation(rotate).rotationGracePeriod(grace).build();
    }

    public EmulatorConfig withAuditFieldsOnCreate(boolean allowed) {
        return toBuilder().auditFieldsOnCreate(allowed).build();
    }

    public EmulatorConfig withQueryPageSize(int size) {
        return toBuilder().queryPageSize(size).build();
    }

    public EmulatorConfig withRecycleBinRetention(Duration retention) {
        return toBuilder().recycleBinRetention(retention).build();
    }

    public EmulatorConfig withMaxRequestBytes(int bytes) {
        return toBuilder().maxRequestBytes(bytes).build();
    }

    public EmulatorConfig withOutbound(OutboundConfig newOutbound) {
        return toBuilder().outbound(newOutbound).build();
    }

    /**
     * Lets the password grant skip the client check (any client id, any or no secret). The other grants still
     * need the connected app's credentials. Real orgs never do this; it is for local runs.
     */
    public EmulatorConfig withOpenPasswordGrant(boolean open) {
        return toBuilder().openPasswordGrant(open).build();
    }

    /**
     * Collects settings for a new configuration; {@link #build()} checks them as the record's constructor does.
     * A new setting is a record component plus its field, setter, copy line and constructor argument here.
     */
    public static final class Builder {
        private int port;
        private String bindAddress;
        private Clock clock;
        private SeedData seed;
        private long dailyApiLimit;
        private Duration accessTokenLifetime;
        private boolean refreshTokenRotation;
        private Duration rotationGracePeriod;
        private boolean auditFieldsOnCreate;
        private int queryPageSize;
        private Duration recycleBinRetention;
        private int maxRequestBytes;
        private OutboundConfig outbound;
        private boolean openPasswordGrant;

        private Builder(EmulatorConfig from) {
            port = from.port;
            bindAddress = from.bindAddress;
            clock = from.clock;
            seed = from.seed;
            dailyApiLimit = from.dailyApiLimit;
            accessTokenLifetime = from.accessTokenLifetime;
            refreshTokenRotation = from.refreshTokenRotation;
            rotationGracePeriod = from.rotationGracePeriod;
            auditFieldsOnCreate = from.auditFieldsOnCreate;
            queryPageSize = from.queryPageSize;
            recycleBinRetention = from.recycleBinRetention;
            maxRequestBytes = from.maxRequestBytes;
            outbound = from.outbound;
            openPasswordGrant = from.openPasswordGrant;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder bindAddress(String value) {
            bindAddress = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder seed(SeedData value) {
            seed = value;
            return this;
        }

        public Builder dailyApiLimit(long value) {
            dailyApiLimit = value;
            return this;
        }

        public Builder accessTokenLifetime(Duration value) {
            accessTokenLifetime = value;
            return this;
        }

        public Builder refreshTokenRotation(boolean value) {
            refreshTokenRotation = value;
            return this;
        }

        public Builder rotationGracePeriod(Duration value) {
            rotationGracePeriod = value;
            return this;
        }

        public Builder auditFieldsOnCreate(boolean value) {
            auditFieldsOnCreate = value;
            return this;
        }

        public Builder queryPageSize(int value) {
            queryPageSize = value;
            return this;
        }

        public Builder recycleBinRetention(Duration value) {
            recycleBinRetention = value;
            return this;
        }

        public Builder maxRequestBytes(int value) {
            maxRequestBytes = value;
            return this;
        }

        public Builder outbound(OutboundConfig value) {
            outbound = value;
            return this;
        }

        public Builder openPasswordGrant(boolean value) {
            openPasswordGrant = value;
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                    refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize,
                    recycleBinRetention, maxRequestBytes, outbound, openPasswordGrant);
        }
    }
}
