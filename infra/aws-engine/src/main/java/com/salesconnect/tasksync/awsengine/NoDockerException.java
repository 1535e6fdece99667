package com.salesconnect.tasksync.awsengine;

/** LocalStack cannot run because no Docker engine is reachable: a run that asked for it is skipped, not failed. */
public class NoDockerException extends EngineUnavailableException {

    public NoDockerException() {
        super(AwsEngines.Choice.LOCALSTACK, LocalStackEngine.NO_DOCKER);
    }
}
