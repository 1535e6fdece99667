package com.salesconnect.tasksync.wiring;

import com.salesconnect.tasksync.awsengine.TemplateResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of the repository's {@code events/} folder (next to template.yaml), so tests prove the very files
 * {@code sam local invoke -e} uses. Load them with aws-lambda-java-tests' EventLoader, which deserialises as the
 * Lambda runtime does.
 */
public final class EventFiles {

    private EventFiles() {
    }

    /** e.g. {@code path("enable-sync/get-settings.json")}, absolute. */
    public static String path(String relative) {
        Path file = TemplateResources.locateTemplate(Path.of("")).getParent().resolve("events").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no event file events/" + relative);
        }
        return file.toString();
    }

    public static String text(String relative) {
        try {
            return Files.readString(Path.of(path(relative)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
