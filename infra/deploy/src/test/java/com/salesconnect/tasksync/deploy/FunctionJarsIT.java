package com.salesconnect.tasksync.deploy;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four deployable jars, as template.yaml's CodeUri names them (built by {@code mvn package}, so this runs
 * after packaging): each holds its handler with the method the template names, and only what a function needs.
 */
class FunctionJarsIT {

    /** Never in a function: other HTTP clients (one client implementation), test and container libraries. */
    static final List<String> FORBIDDEN = List.of(
            "io/netty/", "software/amazon/awssdk/http/nio/netty/",
            "org/apache/http/", "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "org/apache/hc/",
            "org/junit/", "junit/", "org/opentest4j/", "org/assertj/", "org/mockito/", "net/bytebuddy/",
            "org/testcontainers/", "com/github/dockerjava/", "org/rnorth/",
            "com/salesconnect/tasksync/emulator/", "com/salesconnect/tasksync/awsengine/",
            "com/salesconnect/tasksync/testing/", "com/amazonaws/services/lambda/runtime/tests/",
            "com/networknt/", "org/yaml/snakeyaml/", "ch/qos/logback/");

    @TestFactory
    Stream<DynamicTest> eachFunctionJar_holdsItsHandler_withTheMethodTheTemplateNames() {
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            Path jar = Template.repositoryRoot().resolve(f.codeUri());
            assertThat(jar).as("CodeUri of %s (mvn package builds it)", f.logicalId()).isRegularFile();
            // Only the jar and the JDK: the handler must load from the jar alone, as in Lambda.
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> handler = Class.forName(f.handlerClass(), false, loader);
                Class<?> requestHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
                Class<?> context = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");

                assertThat(requestHandler.isAssignableFrom(handler)).isTrue();
                assertThat(handler.getConstructor().getModifiers() & Modifier.PUBLIC).isNotZero();
                Method method = Arrays.stream(handler.getMethods())
                        .filter(m -> m.getName().equals(f.handlerMethod()) && !m.isBridge())
                        .filter(m -> m.getParameterCount() == 2 && m.getParameterTypes()[1] == context)
                        .findFirst().orElse(null);
                assertThat(method).as("%s has %s(event, Context)", f.handlerClass(), f.handlerMethod()).isNotNull();
                loader.loadClass("org.slf4j.simple.SimpleServiceProvider");
                loader.loadClass("org.crac.Core");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachFunctionJar_holdsNoOtherHttpClient_noTestLibraries_noContainers() {
        return Template.functions().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            try (ZipFile zip = new ZipFile(Template.repositoryRoot().resolve(f.codeUri()).toFile())) {
                List<String> offending = zip.stream().map(e -> e.getName())
                        .filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith))
                        .limit(10).toList();

                assertThat(offending).as("entries of %s that must not be deployed", f.codeUri()).isEmpty();
                assertThat(zip.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"))
                        .as("the one HTTP client of the SDK").isNotNull();
                assertThat(zip.getEntry("simplelogger.properties")).as("the logging configuration").isNotNull();
            } catch (IOException e) {
                throw new AssertionError("cannot open " + f.codeUri(), e);
            }
        }));
    }
}
