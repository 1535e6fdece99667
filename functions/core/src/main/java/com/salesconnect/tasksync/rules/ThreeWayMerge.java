package com.salesconnect.tasksync.rules;

import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.task.TaskFields.Field;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Field-by-field merge of both sides' edits against the last synced values (the base).
 *
 * <p>A field changed on one side only takes that side's value. A field changed on both sides to different values
 * takes the value of the later modification (Sales Connect {@code updatedAt} against Salesforce
 * {@code LastModifiedDate}); a tie goes to Salesforce; each such field is a {@link FieldConflict}. Both sides
 * changing a field to the same value is no conflict.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    /** One field both sides changed to different values. */
    public record FieldConflict(Field field, Object base, Object salesConnect, Object salesforce, Origin winner) {
    }

    /**
     * @param merged            the merged values
     * @param fromSalesforce    fields whose merged value came from Salesforce and differs from Sales Connect's
     * @param fromSalesConnect  fields whose merged value came from Sales Connect and differs from Salesforce's
     */
    public record Result(TaskFields merged, Set<Field> fromSalesforce, Set<Field> fromSalesConnect,
                         List<FieldConflict> conflicts) {
        public Result {
            fromSalesforce = Set.copyOf(fromSalesforce);
            fromSalesConnect = Set.copyOf(fromSalesConnect);
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * @param scUpdatedAt      when Sales Connect last modified the task
     * @param sfLastModified   Salesforce LastModifiedDate (null: unknown, Salesforce wins ties and unknowns)
     */
    public static Result merge(TaskFields base, TaskFields salesConnect, TaskFields salesforce,
                               Instant scUpdatedAt, Instant sfLastModified) {
        Objects.requireNonNull(base, "base");
        Origin laterSide = scUpdatedAt != null && sfLastModified != null && scUpdatedAt.isAfter(sfLastModified)
                ? Origin.SALES_CONNECT
                : Origin.SALESFORCE;
        TaskFields merged = base;
        Set<Field> fromSf = EnumSet.noneOf(Field.class);
        Set<Field> fromSc = EnumSet.noneOf(Field.class);
        List<FieldConflict> conflicts = new ArrayList<>();
        for (Field field : Field.values()) {
            Object b = base.get(field);
            Object sc = salesConnect.get(field);
            Object sf = salesforce.get(field);
            boolean scChanged = !Objects.equals(sc, b);
            boolean sfChanged = !Objects.equals(sf, b);
            Origin winner;
            if (scChanged && sfChanged && !Objects.equals(sc, sf)) {
                winner = laterSide;
                conflicts.add(new FieldConflict(field, b, sc, sf, winner));
            } else if (sfChanged) {
                winner = Origin.SALESFORCE;
            } else {
                winner = Origin.SALES_CONNECT;
            }
            Object value = winner == Origin.SALESFORCE ? sf : sc;
            merged = merged.with(field, value);
            if (!Objects.equals(sc, sf)) {
                (winner == Origin.SALESFORCE ? fromSf : fromSc).add(field);
            }
        }
        return new Result(merged, fromSf, fromSc, conflicts);
    }
}
