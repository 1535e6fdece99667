package com.salesconnect.tasksync.runtime;

import com.salesconnect.tasksync.store.StoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void describe_namesClassPlaceAndCause_butNeverTheMessage() {
        StoreException failure = new StoreException("task demo/secret-subject", new IllegalStateException("token=abc"));

        String line = Failures.describe(failure);

        assertThat(line).startsWith("StoreException at FailuresTest.describe_namesClassPlaceAndCause_butNeverTheMessage:")
                .endsWith("(cause IllegalStateException)")
                .doesNotContain("secret-subject").doesNotContain("token=abc");
    }
}
