package com.salesconnect.tasksync.awsengine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding and running the small external commands the engines need (moto_server, python3, pip). */
final class Executables {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Executables() {
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a command to completion within {@code timeoutSeconds}; exit code -1 when it could not run or timed out. */
    static Result run(List<String> command, long timeoutSeconds) {
        Path output = null;
        try {
            output = Files.createTempFile("tasksync-cmd-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(-1, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            deleteQuietly(output);
        }
    }

    /** The line of a command's output that says what went wrong: pip's first "error:" line, else the last line. */
    static String errorLine(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.lines().map(String::strip)
                .filter(line -> line.regionMatches(true, 0, "error:", 0, "error:".length()))
                .findFirst()
                .orElseGet(() -> lastLine(stripped));
    }

    static String lastLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int newline = stripped.lastIndexOf('\n');
        return newline < 0 ? stripped : stripped.substring(newline + 1).strip();
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file is harmless; the OS cleans its temp directory
        }
    }
}
