package com.salesconnect.tasksync.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRootEntryTest {

    private final ClassLoader contextBefore = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restoreTheContextClassLoader() {
        Thread.currentThread().setContextClassLoader(contextBefore);
    }

    /** A handler as the functions' are: a public no-argument constructor and the stream method. */
    public static final class Echo {

        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            ClassLoader loader = getClass().getClassLoader();
            output.write(("echo " + new String(input.readAllBytes(), StandardCharsets.UTF_8) + " by " + loader.getName()
                    + " parallel=" + loader.isRegisteredAsParallelCapable()).getBytes(StandardCharsets.UTF_8));
        }

        /** What template.yaml would name. */
        public static final class Entry extends TaskRootEntry {
        }
    }

    public static final class FailsToStart {

        public FailsToStart() {
            throw new IllegalStateException("SYNC_TABLE is not set");
        }

        public void handleRequest(InputStream input, OutputStream output, Context context) {
        }
    }

    public static final class NotAStreamHandler {

        public String handleRequest(String event, Context context) {
            return event;
        }
    }

    @Test
    void handlerClassOf_isTheClassThatEnclosesTheEntry() {
        assertThat(TaskRootEntry.handlerClassOf("a.b.SweepHandler$Entry")).isEqualTo("a.b.SweepHandler");
        assertThat(TaskRootEntry.handlerClassOf(Echo.Entry.class.getName())).isEqualTo(Echo.class.getName());
        assertThat(TaskRootEntry.handlerClassOf("a.b.SweepHandler")).isEqualTo("a.b.SweepHandler");
    }

    @Test
    void load_buildsTheHandlerThroughAParallelCapableLoaderOfItsOwn_sharingOnlyTheRuntimesClasses() throws Exception {
        // As in Lambda: the runtime's loader holds the runtime's classes (Context, ...), not the function's code.
        ClassLoader runtime = runtimeClassesOnly();
        URL code = Echo.class.getProtectionDomain().getCodeSource().getLocation();

        TaskRootEntry.Handler handler = TaskRootEntry.load(Echo.class.getName(), code, runtime);

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)), output, null);
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("echo hi by task-root parallel=true");
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        assertThat(context.getName()).as("the threads the handler starts inherit it").isEqualTo("task-root");
        assertThat(context.getParent()).isSameAs(runtime);
        assertThat(context.loadClass(Context.class.getName())).as("the runtime's Context, not a copy")
                .isSameAs(Context.class);
    }

    @Test
    void anEntry_handsEachEventToItsEnclosingHandler() throws IOException {
        Echo.Entry entry = new Echo.Entry();
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        entry.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), output, null);

        // Here the runtime's loader (the test's) also holds the code, so it loads the handler, as without the entry.
        ClassLoader test = Echo.class.getClassLoader();
        assertThat(output.toString(StandardCharsets.UTF_8))
                .isEqualTo("echo {} by " + test.getName() + " parallel=" + test.isRegisteredAsParallelCapable());
    }

    @Test
    void load_throwsTheHandlersOwnInitialisationError() {
        URL code = FailsToStart.class.getProtectionDomain().getCodeSource().getLocation();

        assertThatThrownBy(() -> TaskRootEntry.load(FailsToStart.class.getName(), code, runtimeClassesOnly()))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("SYNC_TABLE is not set");
    }

    @Test
    void load_refusesAClassWithoutTheStreamMethod_namingIt() {
        URL code = NotAStreamHandler.class.getProtectionDomain().getCodeSource().getLocation();

        assertThatThrownBy(() -> TaskRootEntry.load(NotAStreamHandler.class.getName(), code, runtimeClassesOnly()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NotAStreamHandler.class.getName())
                .hasMessageContaining("handleRequest(InputStream, OutputStream, Context)");
    }

    /** A loader that sees the Lambda runtime's classes (those of aws-lambda-java-core) and the JDK's, nothing else. */
    private static ClassLoader runtimeClassesOnly() {
        ClassLoader test = Context.class.getClassLoader();
        return new ClassLoader("runtime", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.startsWith("com.amazonaws.services.lambda.runtime.")) {
                    return test.loadClass(name);
                }
                throw new ClassNotFoundException(name);
            }
        };
    }
}
