package com.salesconnect.tasksync.local.template;

/** template.yaml says something the local runtime cannot run (the message says what and where). */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
