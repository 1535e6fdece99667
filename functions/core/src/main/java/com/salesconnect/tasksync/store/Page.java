package com.salesconnect.tasksync.store;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page. Cursors are opaque strings. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean last() {
        return nextCursor == null;
    }
}
