package com.salesconnect.tasksync.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;

/**
 * What template.yaml names as each function's handler: a handler's nested {@code Entry} class (for example
 * {@code ReconciliationSweepHandler$Entry}), which loads its enclosing handler, and everything the handler reaches,
 * through a class loader of its own over the same code, and hands it each event unchanged.
 *
 * <p>Why: Lambda's runtime interface client loads a function's code through its {@code CustomerClassLoader}, which
 * does not register as parallel capable. Every class that the handler's threads load at a cold start (the main
 * thread, the prebuild threads, Log4j's start) then waits for one lock, the loader itself. The loader made here is a
 * plain {@link URLClassLoader}, which locks per class name. It reads the same code (the task root, {@code /var/task},
 * where this class was read from) and asks the runtime's own loader first, as the runtime's loader does, so the
 * runtime's classes ({@link Context}, {@link RequestStreamHandler}) are the ones the runtime passes in.
 * infra/deploy/README.md ("Jar size and cold start") has what it gains.
 *
 * <p>The {@code Entry} class and this one are the only classes the runtime's loader loads: the handler is named by
 * a string (the {@code Entry}'s own name without {@code $Entry}), never by a class literal. The thread's context class
 * loader becomes the new loader before the handler's class starts, so the threads it starts and the libraries that
 * look services up (SLF4J, Log4j) find the same classes. Outside Lambda (the local runtime, tests) handlers are built
 * directly and this class is not used; where the runtime's loader also holds the code (a jar on the class path), the
 * new loader finds everything there, and the handler runs as it would without it.
 */
public abstract class TaskRootEntry implements RequestStreamHandler {

    /** The simple name of the nested class, in each handler, that template.yaml names. */
    public static final String NESTED_NAME = "Entry";

    private final Handler handler;

    /** Builds the enclosing handler (its no-argument constructor), loaded through the new loader. */
    protected TaskRootEntry() {
        this.handler = load(handlerClassOf(getClass().getName()), codeOf(getClass()),
                RequestStreamHandler.class.getClassLoader());
    }

    /**
     * The handler class an entry stands for: {@code a.B$Entry} for {@code a.B}; any other name is itself (a handler
     * named directly).
     */
    public static String handlerClassOf(String entryClass) {
        String suffix = "$" + NESTED_NAME;
        return entryClass.endsWith(suffix) ? entryClass.substring(0, entryClass.length() - suffix.length())
                : entryClass;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }

    /** A handler loaded by the new loader: its instance and its stream method. */
    record Handler(Object instance, Method method) {

        /** Calls the handler's method; what it throws is thrown as it is. */
        void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            try {
                method.invoke(instance, input, output, context);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw unchecked(cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);   // a public method of a public class, checked at load
            }
        }
    }

    /**
     * The handler {@code handlerClass}, loaded through a new loader over {@code code} that asks {@code runtime}
     * first, and built by its no-argument constructor, with its {@code handleRequest(InputStream, OutputStream,
     * Context)}. What the constructor (or the class's initialisation) throws is thrown as it is, so Lambda reports the
     * handler's own initialisation error.
     */
    static Handler load(String handlerClass, URL code, ClassLoader runtime) {
        ClassLoader loader = new URLClassLoader("task-root", new URL[] {code}, runtime);
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(handlerClass, false, loader);   // started by its constructor's call
            Method method = type.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
            Constructor<?> constructor = type.getConstructor();
            return new Handler(constructor.newInstance(), method);
        } catch (InvocationTargetException e) {
            throw unchecked(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(handlerClass + " is not a handler with a no-argument constructor and "
                    + "a public handleRequest(InputStream, OutputStream, Context): " + e, e);
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtimeException) {
            return runtimeException;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    /** Where the entry's class was read from: the task root, or the jar or directory that holds it. */
    private static URL codeOf(Class<?> entry) {
        CodeSource source = entry.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException(entry.getName() + " has no code source to load its handler from");
        }
        return source.getLocation();
    }
}
