package com.salesconnect.tasksync.emulator.sobject;

import java.util.List;

/** The result of writing one record: saved (with its id) or failed (with its errors; the id when known). */
public sealed interface WriteOutcome {

    String id();

    record Saved(String id) implements WriteOutcome {
    }

    record Failed(String id, List<SaveError> errors) implements WriteOutcome {
        public Failed {
            errors = List.copyOf(errors);
        }
    }

    /** The result of a record that was valid but rolled back because another record of an allOrNone call failed. */
    static Failed rolledBack(String id) {
        return new Failed(id, List.of(SaveError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                "Record rolled back because not all records were valid and the request was using AllOrNone header")));
    }
}
