package com.salesconnect.tasksync.awsengine;

/** An engine cannot run on this machine; the message is a one-line reason a developer can act on. */
public class EngineUnavailableException extends RuntimeException {

    private final AwsEngines.Choice engine;

    public EngineUnavailableException(AwsEngines.Choice engine, String reason) {
        super(reason);
        this.engine = engine;
    }

    public EngineUnavailableException(AwsEngines.Choice engine, String reason, Throwable cause) {
        super(reason, cause);
        this.engine = engine;
    }

    /** The engine that was asked for (AUTO when nothing could be chosen). */
    public AwsEngines.Choice engine() {
        return engine;
    }
}
