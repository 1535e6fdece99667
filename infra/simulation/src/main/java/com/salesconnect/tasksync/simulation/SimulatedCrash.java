package com.salesconnect.tasksync.simulation;

/**
 * The invocation dies (crash, or killed when out of time). An {@link Error}, so no {@code catch (RuntimeException)}
 * of the code under test can swallow it; the simulation catches it at the invocation's edge, as the platform would.
 */
public final class SimulatedCrash extends Error {

    public SimulatedCrash(String where) {
        super(where, null, false, false);
    }
}
