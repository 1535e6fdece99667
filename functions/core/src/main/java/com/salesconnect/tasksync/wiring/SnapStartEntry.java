package com.salesconnect.tasksync.wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.runtime.InvocationLog;
import org.crac.Core;
import org.crac.Resource;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the four handlers' Lambda entries share: the deployed wiring, the SnapStart hook that primes the handler
 * before the snapshot is taken (CRaC {@code beforeCheckpoint}), and each invocation's log fields and metrics
 * ({@link InvocationLog}: coldStart is true on the instance's first invocation). A handler keeps its entry in a
 * field: CRaC's global context holds what is registered only weakly.
 */
public final class SnapStartEntry implements Resource {

    /** Read-only work that loads and exercises the handler's code paths: no I/O, nothing unique per instance. */
    @FunctionalInterface
    public interface Priming {
        void prime() throws Exception;
    }

    private final InvocationLog invocations;
    private final Priming priming;

    /**
     * @param function the function's name in the log when Lambda's context gives none (tests, priming)
     * @param priming  what {@link #beforeCheckpoint} runs
     */
    public SnapStartEntry(String function, Priming priming) {
        this.invocations = new InvocationLog(Objects.requireNonNull(function, "function"));
        this.priming = Objects.requireNonNull(priming, "priming");
    }

    /** The deployed wiring: the process's environment variables and the system clock. */
    public static SyncComponents deployedComponents() {
        return SyncComponents.fromEnvironment(System::getenv, Clock.systemUTC());
    }

    /** Hands the priming to SnapStart (the deployed, no-argument constructors only; tests prime by hand). */
    public void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    /**
     * Runs one invocation inside its log fields and metrics scope, closed (metrics written, fields cleared) however
     * {@code work} ends.
     *
     * @param context Lambda's context; null in tests and priming
     */
    public <R> R invoke(Context context, Supplier<R> work) {
        try (InvocationLog.Invocation ignored = invocations.begin(
                context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId())) {
            return work.get();
        }
    }

    /** The time the invocation has left; no limit without a context. */
    public static Deadline deadline(Context context) {
        return context == null ? Deadline.NONE : Deadline.ofRemainingMillis(context::getRemainingTimeInMillis);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        priming.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: clients open their connections on first use, after the restore.
    }
}
