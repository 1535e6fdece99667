package com.salesconnect.tasksync.awsengine;

/** LocalStack cannot run because no Docker engine is reachable: a run that asked for it is skipped, not failed. */
public class NoDockerException extends EngineUnavailableException {

    /** @param reason one line, shown as the reason the LocalStack run is skipped */
    public NoDockerException(String reason) {
        super(AwsEngines.Choice.LOCALSTACK, reason);
    }
}
