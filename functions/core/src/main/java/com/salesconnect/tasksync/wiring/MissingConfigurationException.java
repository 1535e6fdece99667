package com.salesconnect.tasksync.wiring;

/** A required environment variable is not set: the function cannot start. The message names the variable. */
public final class MissingConfigurationException extends IllegalStateException {

    private final String variable;

    public MissingConfigurationException(String variable) {
        super("environment variable " + variable + " is not set");
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
