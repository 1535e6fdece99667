package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class DockerProbeTest {

    @TempDir
    Path home;

    /** Paths under the temporary home exist when created there; other paths exist only when listed. */
    private Predicate<Path> existing(Path... outsideHome) {
        Set<Path> listed = Set.of(outsideHome);
        return p -> p.startsWith(home) ? Files.exists(p) : listed.contains(p);
    }

    @Test
    void noHostAndNoSocket_isNoDocker_inOneLineNamingWhatWasLookedFor() {
        assertThat(DockerProbe.whyNoDocker(Map.of(), home, existing())).hasValueSatisfying(reason -> {
            assertThat(reason).doesNotContain("\n").contains("DOCKER_HOST").contains("/var/run/docker.sock");
        });
    }

    @Test
    void dockerHost_orTheStandardSocket_mayBeAnEngine() {
        assertThat(DockerProbe.whyNoDocker(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), home, existing())).isEmpty();
        assertThat(DockerProbe.whyNoDocker(Map.of(), home, existing(Path.of("/var/run/docker.sock")))).isEmpty();
        assertThat(DockerProbe.whyNoDocker(Map.of("DOCKER_HOST", " "), home, existing())).isPresent();
    }

    @Test
    void rootlessAndDesktopSockets_mayBeAnEngine() throws IOException {
        assertThat(DockerProbe.whyNoDocker(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), home,
                existing(Path.of("/run/user/1000/docker.sock")))).isEmpty();
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));

        assertThat(DockerProbe.whyNoDocker(Map.of(), home, existing())).isEmpty();
    }

    @Test
    void aDockerHostInTestcontainersProperties_mayBeAnEngine_butOtherSettingsAreNot() throws IOException {
        Path properties = home.resolve(".testcontainers.properties");
        Files.writeString(properties, "testcontainers.reuse.enable=true\n");

        assertThat(DockerProbe.whyNoDocker(Map.of(), home, existing())).isPresent();

        Files.writeString(properties, "docker.host=unix:///custom/docker.sock\n");

        assertThat(DockerProbe.whyNoDocker(Map.of(), home, existing())).isEmpty();
    }
}
