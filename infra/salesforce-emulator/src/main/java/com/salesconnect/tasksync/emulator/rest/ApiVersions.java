package com.salesconnect.tasksync.emulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.salesconnect.tasksync.emulator.http.Json;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST API versions the emulator serves (v58.0 to v62.0), with their release names. */
final class ApiVersions {

    private record Version(String number, String label) {
    }

    private static final List<Version> SERVED = List.of(
            new Version("58.0", "Summer '23"),
            new Version("59.0", "Winter '24"),
            new Version("60.0", "Spring '24"),
            new Version("61.0", "Summer '24"),
            new Version("62.0", "Winter '25"));

    private static final Pattern VERSION = Pattern.compile("v(\\d+\\.\\d)");

    private ApiVersions() {
    }

    static ArrayNode list() {
        ArrayNode versions = Json.array();
        SERVED.forEach(v -> versions.addObject().put("label", v.label())
                .put("url", "/services/data/v" + v.number()).put("version", v.number()));
        return versions;
    }

    /** The version of a path segment like {@code v62.0}, when it is served. */
    static Optional<String> parse(String segment) {
        Matcher m = VERSION.matcher(segment);
        return m.matches() && SERVED.stream().anyMatch(v -> v.number().equals(m.group(1)))
                ? Optional.of(m.group(1)) : Optional.empty();
    }
}
