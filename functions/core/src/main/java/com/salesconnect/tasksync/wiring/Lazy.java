package com.salesconnect.tasksync.wiring;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use and then kept: a handler builds only what it uses, and each thing once. */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T result = value;
        if (result == null) {
            synchronized (this) {
                result = value;
                if (result == null) {
                    result = Objects.requireNonNull(factory.get(), "a lazy value must not be null");
                    value = result;
                }
            }
        }
        return result;
    }
}
