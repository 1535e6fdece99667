package com.salesconnect.tasksync.awsengine;

import java.util.Objects;

/**
 * How template names become physical names: {@code prefix + name + suffix}, so that test classes sharing
 * one engine never collide. The name is the template's literal name property, else the logical id.
 */
public record ResourceNaming(String prefix, String suffix) {

    public static final ResourceNaming NONE = new ResourceNaming("", "");

    public ResourceNaming {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
    }

    /** A prefix derived from a test class, valid in table, queue and bus names. */
    public static ResourceNaming forTestClass(Class<?> testClass) {
        String simple = testClass.getSimpleName().replaceAll("[^A-Za-z0-9_-]", "-");
        String shortened = simple.length() > 40 ? simple.substring(0, 40) : simple;
        return new ResourceNaming(shortened + "-", "");
    }

    public String apply(String name) {
        return prefix + name + suffix;
    }
}
