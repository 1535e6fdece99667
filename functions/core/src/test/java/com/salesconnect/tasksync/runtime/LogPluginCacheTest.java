package com.salesconnect.tasksync.runtime;

import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Core's {@code Log4j2Plugins.dat}, the one plugin cache in each function's jar (the parent pom leaves the
 * libraries' own out of the shaded jar): the entries of the libraries' caches that the functions' configuration
 * ({@link LambdaLogConfiguration}: Lambda's appender, the JSON Template Layout with tasksync-log.json's resolvers, a
 * {@code %m%n} pattern for metrics) uses, plus the elements, lookups and converters a configuration file of the
 * same appenders and layouts would need, and nothing else. Log4j loads the class of every entry when it starts, so
 * the libraries' full caches (some 250 entries) cost each cold start about 350 classes.
 *
 * <p>When a Log4j upgrade or a configuration change makes this fail, update {@link #KEEP} and write the file again:
 * {@code mvn -o -pl functions/core test -Dtest=LogPluginCacheTest -Dtasksync.log4jPlugins.write=true}.
 * infra/deploy's FunctionJarsIT runs each jar with it and fails on any Log4j status error.
 */
class LogPluginCacheTest {

    static final String CACHE = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    static final Path COMMITTED = Path.of("src/main/resources").resolve(CACHE);

    /** Category, then the plugin names (lower case, as in the caches) the configuration reaches. */
    static final Map<String, List<String>> KEEP = new TreeMap<>(Map.of(
            // The functions name their own factory (LambdaLogConfiguration.Factory); a .properties file's besides.
            "configurationfactory", List.of("propertiesconfigurationfactory"),
            // The configuration's elements, appenders and layouts, as a .properties file names them.
            "core", List.of("appenders", "appenderref", "appender-ref", "loggers", "logger", "root",
                    "properties", "property", "lambda", "lambdajsonformat", "lambdatextformat",
                    "jsontemplatelayout", "eventtemplateadditionalfield", "patternlayout"),
            // %m%n, and the throwable converters a pattern layout adds when it writes exceptions.
            "converter", List.of("messagepatternconverter", "lineseparatorpatternconverter",
                    "throwablepatternconverter", "extendedthrowablepatternconverter"),
            // tasksync-log.json's resolvers: timestamp, level, message, logger, mdc, exception.
            "jsontemplateresolverfactory", List.of("timestampresolverfactory", "levelresolverfactory",
                    "messageresolverfactory", "loggerresolverfactory", "threadcontextdataresolverfactory",
                    "exceptionresolverfactory"),
            // The layout applies every interceptor to every template.
            "jsontemplateresolverinterceptor", List.of("*"),
            // ${env:...} and ${sys:...}, as a .properties file would read LOG_LEVEL.
            "lookup", List.of("env", "sys"),
            // Plugin attributes are strings converted to their types (levels, booleans, charsets, ...).
            "typeconverter", List.of("*")));

    @Test
    void coreCache_holdsExactlyTheLibrariesEntriesTheConfigurationUses() throws IOException {
        Map<String, Map<String, String>> expected = describe(trimmed(libraries()));
        if (Boolean.getBoolean("tasksync.log4jPlugins.write")) {
            try (OutputStream out = Files.newOutputStream(COMMITTED)) {
                trimmed(libraries()).writeCache(out);
            }
        }
        PluginCache committed = new PluginCache();
        committed.loadCacheFiles(Collections.enumeration(List.of(COMMITTED.toUri().toURL())));

        assertThat(describe(committed)).as("%s (write it again: see this test's javadoc)", COMMITTED)
                .isEqualTo(expected);
    }

    @Test
    void everyKeptPlugin_isInTheLibraries() throws IOException {
        PluginCache libraries = libraries();
        KEEP.forEach((category, names) -> {
            assertThat(libraries.getAllCategories()).as("plugin category %s", category).containsKey(category);
            names.stream().filter(name -> !name.equals("*")).forEach(name ->
                    assertThat(libraries.getCategory(category)).as("plugin %s of %s", name, category)
                            .containsKey(name));
        });
    }

    /** The caches of the jars on the class path (log4j-core, the JSON layout, Lambda's appender). */
    private static PluginCache libraries() throws IOException {
        List<URL> jars = new ArrayList<>();
        for (URL url : Collections.list(LogPluginCacheTest.class.getClassLoader().getResources(CACHE))) {
            if (url.getProtocol().equals("jar")) {
                jars.add(url);
            }
        }
        assertThat(jars).as("plugin caches of the logging libraries").hasSizeGreaterThanOrEqualTo(3);
        PluginCache cache = new PluginCache();
        cache.loadCacheFiles(Collections.enumeration(jars));
        return cache;
    }

    private static PluginCache trimmed(PluginCache libraries) {
        PluginCache kept = new PluginCache();
        KEEP.forEach((category, names) -> libraries.getCategory(category).forEach((name, entry) -> {
            if (names.contains("*") || names.contains(name)) {
                kept.getCategory(category).put(name, entry);
            }
        }));
        return kept;
    }

    private static Map<String, Map<String, String>> describe(PluginCache cache) {
        Map<String, Map<String, String>> described = new TreeMap<>();
        cache.getAllCategories().forEach((category, entries) -> {
            Map<String, String> plugins = new TreeMap<>();
            entries.forEach((name, e) -> plugins.put(name, describe(e)));
            described.put(category, plugins);
        });
        return described;
    }

    private static String describe(PluginEntry e) {
        return e.getClassName() + " " + e.getName() + " printable=" + e.isPrintable() + " defer=" + e.isDefer();
    }
}
