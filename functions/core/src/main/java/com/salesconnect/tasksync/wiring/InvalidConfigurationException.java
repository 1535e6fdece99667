package com.salesconnect.tasksync.wiring;

/** An environment variable is set to something unusable. The message names the variable, never its value. */
public final class InvalidConfigurationException extends IllegalStateException {

    public InvalidConfigurationException(String variable, String problem) {
        super("environment variable " + variable + " " + problem);
    }
}
