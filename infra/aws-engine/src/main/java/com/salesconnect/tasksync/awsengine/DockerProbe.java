package com.salesconnect.tasksync.awsengine;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A cheap look for a Docker engine before Testcontainers is asked: Testcontainers answers "none" with a multi-line
 * ERROR and a stack of strategy failures, which buries the one line that matters on machines without Docker.
 * Only says "no" when no configured host and none of the usual sockets exist; anything else is left to
 * Testcontainers.
 */
final class DockerProbe {

    static final String NO_DOCKER = "no Docker engine (DOCKER_HOST is not set and no Docker socket such as "
            + "/var/run/docker.sock exists)";

    private DockerProbe() {
    }

    /** Empty when a Docker engine may exist here, else the one-line reason why it cannot. */
    static Optional<String> whyNoDocker() {
        return whyNoDocker(System.getenv(), Path.of(System.getProperty("user.home", "/")), Files::exists);
    }

    static Optional<String> whyNoDocker(Map<String, String> env, Path home, Predicate<Path> exists) {
        if (isSet(env.get("DOCKER_HOST")) || isSet(env.get("TESTCONTAINERS_DOCKER_HOST"))
                || configuredInTestcontainersProperties(home.resolve(".testcontainers.properties"), exists)) {
            return Optional.empty();
        }
        return sockets(env, home).stream().anyMatch(exists) ? Optional.empty() : Optional.of(NO_DOCKER);
    }

    /** Where Docker Engine, rootless Docker, Docker Desktop, Colima and Rancher Desktop put their sockets. */
    private static List<Path> sockets(Map<String, String> env, Path home) {
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
        if (isSet(env.get("XDG_RUNTIME_DIR"))) {
            sockets.add(Path.of(env.get("XDG_RUNTIME_DIR"), "docker.sock"));
        }
        return sockets;
    }

    private static boolean configuredInTestcontainersProperties(Path file, Predicate<Path> exists) {
        if (!exists.test(file)) {
            return false;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return true; // unreadable here: let Testcontainers decide
        }
        return isSet(properties.getProperty("docker.host"))
                || isSet(properties.getProperty("docker.client.strategy"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
