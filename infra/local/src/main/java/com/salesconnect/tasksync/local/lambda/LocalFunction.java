package com.salesconnect.tasksync.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.salesconnect.tasksync.local.template.FunctionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One function of the template, run the way Lambda runs it: the handler class and method named by the template,
 * one handler instance per concurrent invocation (instances are reused when idle, as warm execution environments
 * are), the JSON payload turned into the handler's input type by the Lambda runtime's own serialisers, the
 * function's timeout enforced, and a thrown exception reported as a function error rather than passed on.
 */
public final class LocalFunction implements Invoker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionSpec spec;
    private final String arn;
    private final Map<String, String> environment;
    private final HandlerFactory factory;
    private final Class<?> handlerClass;
    private final Method method;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final Deque<Object> idle = new ArrayDeque<>();
    private final ExecutorService threads;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * What this function has done so far in the run, for benchmarks and tests: invocations started, function
     * errors (timeouts included), timeouts ({@code Sandbox.Timedout}) and invocations running now.
     */
    public record Stats(long invocations, long errors, long timeouts, int running) {
    }

    public LocalFunction(FunctionSpec spec, String arn, Map<String, String> environment, HandlerFactory factory) {
        this.spec = spec;
        this.arn = arn;
        this.environment = Map.copyOf(environment);
        this.factory = factory;
        try {
            this.handlerClass = Class.forName(spec.handlerClass(), true, LocalFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(spec.logicalId() + ": handler class " + spec.handlerClass()
                    + " is not on the classpath", e);
        }
        this.method = handlerMethod(handlerClass, spec.handlerMethod());
        boolean stream = isStreamHandler(method);
        this.input = stream ? null : serializer(method.getGenericParameterTypes()[0]);
        this.output = stream || method.getReturnType() == void.class ? null : serializer(method.getGenericReturnType());
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-" + spec.logicalId() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return spec.logicalId();
    }

    public String arn() {
        return arn;
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** Invokes the function with the JSON an AWS service would send, and waits for it (at most its timeout). */
    @Override
    public InvocationResult invoke(String payload) {
        invocations.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            InvocationResult result = invokeCounted(payload);
            if (result.failed()) {
                errors.incrementAndGet();
            }
            return result;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(invocations.get(), errors.get(), timeouts.get(), inFlight.get());
    }

    private InvocationResult invokeCounted(String payload) {
        String requestId = UUID.randomUUID().toString();
        Object handler;
        try {
            handler = borrow();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            LOG.error("{} failed to initialise (requestId {})", spec.logicalId(), requestId, cause);
            return new InvocationResult.FunctionError(cause.getClass().getName(), "initialisation failed");
        }
        Duration timeout = spec.timeout();
        LocalContext context = new LocalContext(requestId, spec.logicalId(), arn, spec.memoryMb(),
                Instant.now().plus(timeout));
        Future<String> running = threads.submit(() -> call(handler, payload, context));
        try {
            String response = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            release(handler);
            return new InvocationResult.Success(response);
        } catch (TimeoutException e) {
            // Lambda stops the execution environment: this instance is not reused.
            running.cancel(true);
            timeouts.incrementAndGet();
            LOG.warn("{} timed out after {} ms (requestId {})", spec.logicalId(), timeout.toMillis(), requestId);
            return new InvocationResult.FunctionError("Sandbox.Timedout",
                    "Task timed out after " + timeout.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            release(handler);
            Throwable error = e.getCause() instanceof InvocationTargetException ite && ite.getCause() != null
                    ? ite.getCause() : e.getCause();
            LOG.warn("{} failed (requestId {})", spec.logicalId(), requestId, error);
            return new InvocationResult.FunctionError(error.getClass().getName(), String.valueOf(error.getMessage()));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return new InvocationResult.FunctionError("Interrupted", "the local runtime is stopping");
        }
    }

    /**
     * Starts one execution environment ahead of the first event (like provisioned concurrency), so the first
     * change a person makes is not slowed by a cold start. A failing start is logged and left to the first event.
     */
    public void prewarm() {
        try {
            release(borrow());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("{} could not be started ahead of its first event ({})", spec.logicalId(),
                    e.getClass().getSimpleName());
        }
    }

    private String call(Object handler, String payload, Context context) throws Exception {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (input == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            method.invoke(handler, new ByteArrayInputStream(bytes), out, context);
            return out.toString(StandardCharsets.UTF_8);
        }
        Object event = input.fromJson(new ByteArrayInputStream(bytes));
        Object result = method.getParameterCount() == 2 ? method.invoke(handler, event, context)
                : method.invoke(handler, event);
        if (output == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private Object borrow() throws ReflectiveOperationException {
        synchronized (idle) {
            Object warm = idle.pollFirst();
            if (warm != null) {
                return warm;
            }
        }
        long start = System.nanoTime();
        Object created = factory.create(handlerClass, environment);
        LOG.debug("{}: new execution environment in {} ms", spec.logicalId(), (System.nanoTime() - start) / 1_000_000);
        return created;
    }

    private void release(Object handler) {
        synchronized (idle) {
            idle.addFirst(handler);
        }
    }

    /** The public, non-bridge method the template names, as the Lambda runtime picks it. */
    static Method handlerMethod(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() >= 1 && m.getParameterCount() <= 3)
                .filter(m -> isStreamHandler(m) || m.getParameterCount() < 3)
                .min((a, b) -> Integer.compare(b.getParameterCount(), a.getParameterCount()))
                .orElseThrow(() -> new IllegalStateException(type.getName() + " has no public handler method "
                        + name));
    }

    private static boolean isStreamHandler(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
    }

    /** The serialiser the Lambda Java runtime uses for a type: its event mixins for events, else Jackson. */
    @SuppressWarnings("unchecked")
    static PojoSerializer<Object> serializer(Type type) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c,
                    LocalFunction.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        synchronized (idle) {
            idle.forEach(LocalFunction::closeQuietly);
            idle.clear();
        }
    }

    private static void closeQuietly(Object handler) {
        if (handler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing a handler failed", e);
            }
        }
    }
}
