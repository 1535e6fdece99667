package com.salesconnect.tasksync.simulation;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mutation check ({@code infra/simulation/mutation-check}) reintroduces defects from {@code mutations/*.patch}: a
 * patch that no longer applies to the code as it is would silently check nothing. Each one must apply cleanly
 * ({@code git apply --check}, which changes nothing). Skipped outside a git work tree (a source export).
 */
class MutationPatchesTest {

    @Test
    void everyMutationPatchStillAppliesToTheCode() throws IOException, InterruptedException {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent().getParent();
        Assumptions.assumeTrue(Files.exists(root.resolve(".git")), "not a git work tree");
        List<Path> patches;
        try (Stream<Path> files = Files.list(module.resolve("mutations"))) {
            patches = files.filter(p -> p.getFileName().toString().endsWith(".patch")).sorted().toList();
        }
        assertThat(patches).hasSizeGreaterThanOrEqualTo(6);
        List<String> stale = new ArrayList<>();
        for (Path patch : patches) {
            Process git = new ProcessBuilder("git", "apply", "--check", patch.toString())
                    .directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (git.exitValue() != 0) {
                stale.add(patch.getFileName() + ": " + out.strip());
            }
        }
        assertThat(stale).as("mutation patches that no longer apply (regenerate them against the code)").isEmpty();
    }
}
