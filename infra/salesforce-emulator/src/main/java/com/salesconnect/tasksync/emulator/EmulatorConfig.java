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

    public EmulatorConfig withPort(int newPort) {
        return new EmulatorConfig(newPort, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withBindAddress(String address) {
        return new EmulatorConfig(port, address, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withClock(Clock newClock) {
        return new EmulatorConfig(port, bindAddress, newClock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withSeed(SeedData newSeed) {
        return new EmulatorConfig(port, bindAddress, clock, newSeed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withDailyApiLimit(long limit) {
        return new EmulatorConfig(port, bindAddress, clock, seed, limit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withAccessTokenLifetime(Duration lifetime) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, lifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    /** Refresh-token rotation: each refresh answers a new refresh token; the used one lasts {@code grace}. */
    public EmulatorConfig withRefreshTokenRotation(boolean rotate, Duration grace) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                rotate, grace, auditFieldsOnCreate, queryPageSize, recycleBinRetention, maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withAuditFieldsOnCreate(boolean allowed) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, allowed, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withQueryPageSize(int size) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, size, recycleBinRetention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withRecycleBinRetention(Duration retention) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, retention,
                maxRequestBytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withMaxRequestBytes(int bytes) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                bytes, outbound, openPasswordGrant);
    }

    public EmulatorConfig withOutbound(OutboundConfig newOutbound) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, newOutbound, openPasswordGrant);
    }

    /**
     * Lets the password grant skip the client check (any client id, any or no secret). The other grants still
     * need the connected app's credentials. Real orgs never do this; it is for local runs.
     */
    public EmulatorConfig withOpenPasswordGrant(boolean open) {
        return new EmulatorConfig(port, bindAddress, clock, seed, dailyApiLimit, accessTokenLifetime,
                refreshTokenRotation, rotationGracePeriod, auditFieldsOnCreate, queryPageSize, recycleBinRetention,
                maxRequestBytes, outbound, open);
    }
}
