package com.salesconnect.tasksync.awsengine;

import java.util.Locale;
import java.util.Optional;

/**
 * Chooses and starts the AWS engine named by the system property or environment variable
 * {@value #PROPERTY} ({@code auto}, {@code moto} or {@code localstack}; default {@code auto}).
 * Auto takes moto_server when it is installed, else LocalStack when Docker runs, else tries to install
 * moto and fails with the reason.
 */
public final class AwsEngines {

    public static final String PROPERTY = "tasksync.aws.engine";
    static final String ENV = "TASKSYNC_AWS_ENGINE";

    public enum Choice {
        AUTO, MOTO, LOCALSTACK;

        public static Choice parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        PROPERTY + " must be auto, moto or localstack, not '" + value + "'", e);
            }
        }
    }

    private AwsEngines() {
    }

    /** The choice configured for this JVM: system property first, then the environment. */
    public static Choice configuredChoice() {
        return Choice.parse(Optional.ofNullable(System.getProperty(PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(PROPERTY)))
                .orElse(System.getenv(ENV)));
    }

    /** @throws EngineUnavailableException when the chosen engine cannot run here */
    public static AwsEngine start(Choice choice) {
        return switch (choice) {
            case MOTO -> MotoServer.start();
            case LOCALSTACK -> LocalStackEngine.start();
            case AUTO -> startAuto();
        };
    }

    private static AwsEngine startAuto() {
        if (MotoServer.installed()) {
            return MotoServer.start();
        }
        if (LocalStackEngine.dockerAvailable()) {
            return LocalStackEngine.start();
        }
        try {
            return MotoServer.start();
        } catch (EngineUnavailableException e) {
            throw new EngineUnavailableException(Choice.AUTO,
                    "no AWS engine: " + e.getMessage() + "; and no Docker engine for LocalStack", e);
        }
    }
}
