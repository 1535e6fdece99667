package com.salesconnect.tasksync.salesforce;

import java.util.List;

/** Outcome of one record of a collection call. */
public sealed interface SaveResult {

    String ref();

    record Saved(String ref, String id) implements SaveResult {
    }

    record Failed(String ref, List<SfError> errors) implements SaveResult {
        public Failed {
            errors = List.copyOf(errors);
        }

        public boolean hasCode(String statusCode) {
            return errors.stream().anyMatch(e -> statusCode.equals(e.statusCode()));
        }
    }
}
