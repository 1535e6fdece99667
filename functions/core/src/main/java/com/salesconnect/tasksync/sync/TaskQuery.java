package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.ImportCursor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every Task query the sync sends, as a typed value. Each renders its {@link Soql} from one constant template of
 * {@link TaskQueries}; {@link TaskQueries#recognise} turns a rendered statement back into the value, so test
 * doubles evaluate the typed query instead of parsing SOQL.
 */
public sealed interface TaskQuery {

    Soql soql();

    /** True when the query runs through {@code queryAll}, so deleted rows ({@code IsDeleted}) come back too. */
    boolean includeDeleted();

    /** The current version of given tasks, deleted ones included (before pushing, or to complete a message). */
    record ByIds(List<String> ids) implements TaskQuery {
        public ByIds {
            ids = List.copyOf(ids);
            if (ids.isEmpty() || ids.size() > TaskQueries.MAX_IDS) {
                throw new IllegalArgumentException("1 to " + TaskQueries.MAX_IDS + " ids");
            }
        }

        @Override
        public Soql soql() {
            return Soql.of(TaskQueries.BY_IDS, Map.of("ids", ids.stream().map(Soql::id).toList()));
        }

        @Override
        public boolean includeDeleted() {
            return true;
        }
    }

    /** The sweep: everything of an owner changed after {@code since}, deleted rows included. */
    record ChangedSince(String ownerId, Instant since) implements TaskQuery {
        public ChangedSince {
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(since, "since");
        }

        @Override
        public Soql soql() {
            return Soql.of(TaskQueries.CHANGED_SINCE, Map.of("owner", Soql.id(ownerId), "since", since));
        }

        @Override
        public boolean includeDeleted() {
            return true;
        }
    }

    /**
     * One page of the first import: live tasks of an owner modified at or after {@code modifiedSince}, in
     * (SystemModstamp, Id) order after {@code after} (null for the first page).
     */
    record ImportPage(String ownerId, Instant modifiedSince, ImportCursor after, int limit) implements TaskQuery {
        public ImportPage {
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(modifiedSince, "modifiedSince");
            if (limit < 1 || limit > 2_000) {
                throw new IllegalArgumentException("limit 1..2000");
            }
        }

        @Override
        public Soql soql() {
            if (after == null) {
                return Soql.of(TaskQueries.IMPORT_FIRST_PAGE,
                        Map.of("owner", Soql.id(ownerId), "since", modifiedSince, "limit", limit));
            }
            return Soql.of(TaskQueries.IMPORT_NEXT_PAGE, Map.of("owner", Soql.id(ownerId), "since", modifiedSince,
                    "afterStamp", after.systemModstamp(), "afterId", Soql.id(after.sfId()), "limit", limit));
        }

        @Override
        public boolean includeDeleted() {
            return false;
        }
    }

    /**
     * Tasks an interrupted create may have made: the owner's tasks created by the owner (the connected user, as whom
     * the sync creates) in [{@code createdSince}, {@code createdUntil}]; through queryAll, so one deleted meanwhile is
     * found too (and its deletion wins over creating it again). Not by subject: a person may have changed the new task
     * before the create's outcome was known.
     */
    record RecentCreates(String ownerId, Instant createdSince, Instant createdUntil) implements TaskQuery {
        public RecentCreates {
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(createdSince, "createdSince");
            Objects.requireNonNull(createdUntil, "createdUntil");
        }

        @Override
        public Soql soql() {
            return Soql.of(TaskQueries.RECENT_CREATES,
                    Map.of("owner", Soql.id(ownerId), "since", createdSince, "until", createdUntil));
        }

        @Override
        public boolean includeDeleted() {
            return true;
        }
    }
}
