package com.salesconnect.tasksync.emulator.soql;

import com.salesconnect.tasksync.emulator.ids.SalesforceIds;
import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.FieldDef;
import com.salesconnect.tasksync.emulator.sobject.FieldType;
import com.salesconnect.tasksync.emulator.sobject.ObjectSchema;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs a parsed query over an object's rows: checks fields and value types the way Salesforce does
 * (INVALID_FIELD, INVALID_QUERY_FILTER_OPERATOR), filters, orders, offsets and limits. Text comparisons are
 * case-insensitive; id comparisons accept 15- or 18-character ids, as in SOQL, and compare the normalised ids
 * exactly, in the order ORDER BY Id uses (keyset paging depends on it). Relative date literals are
 * evaluated in UTC (Salesforce uses the running user's time zone).
 */
public final class QueryEngine {

    /** The rows a query selected and the fields to show, in SELECT order. */
    public record Result(List<FieldDef> fields, List<SObjectRecord> rows, boolean countOnly) {
        public Result {
            fields = List.copyOf(fields);
            rows = List.copyOf(rows);
        }
    }

    private final ObjectSchema schema;
    private final LocalDate today;

    public QueryEngine(ObjectSchema schema, Instant now) {
        this.schema = schema;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    public Result run(SoqlQuery query, List<SObjectRecord> rows) {
        List<FieldDef> fields = selectedFields(query);
        Condition where = bind(query.where());
        List<Comparator<SObjectRecord>> order = new ArrayList<>();
        for (SoqlQuery.OrderBy o : query.orderBy()) {
            FieldDef f = field(o.field());
            if (!f.sortable()) {
                throw new ApiRequestException(400, "INVALID_FIELD", "field '" + f.name()
                        + "' can not be sorted in a query call");
            }
            order.add(comparator(f, o));
        }
        List<SObjectRecord> matching = new ArrayList<>(rows.stream().filter(r -> matches(where, r)).toList());
        if (!order.isEmpty()) {
            matching.sort(order.stream().reduce(Comparator::thenComparing).orElseThrow());
        }
        int from = Math.min(query.offset(), matching.size());
        long to = Math.min((long) from + query.limit(), matching.size());
        return new Result(fields, matching.subList(from, (int) to), query.countOnly());
    }

    private List<FieldDef> selectedFields(SoqlQuery query) {
        List<FieldDef> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : query.fields()) {
            FieldDef f = field(name);
            if (!seen.add(f.name())) {
                throw new ApiRequestException(400, "MALFORMED_QUERY", "duplicate field selected: " + f.name());
            }
            fields.add(f);
        }
        return fields;
    }

    private FieldDef field(String name) {
        if (name.contains(".")) {
            throw new ApiRequestException(400, "INVALID_FIELD", "Didn't understand relationship '"
                    + name.substring(0, name.indexOf('.')) + "' in field path. This emulator supports no "
                    + "relationship fields on entity '" + schema.name() + "'.");
        }
        return schema.field(name).orElseThrow(() -> new ApiRequestException(400, "INVALID_FIELD",
                "No such column '" + name + "' on entity '" + schema.name() + "'. If you are attempting to use a "
                        + "custom field, be sure to append the '__c' after the custom field name. Please reference "
                        + "your WSDL or the describe call for the appropriate names."));
    }

    // ------------------------------------------------------------------ binding (names and types)

    private Condition bind(Condition c) {
        if (c instanceof Condition.And and) {
            return new Condition.And(and.terms().stream().map(this::bind).toList());
        }
        if (c instanceof Condition.Or or) {
            return new Condition.Or(or.terms().stream().map(this::bind).toList());
        }
        if (c instanceof Condition.Not not) {
            return new Condition.Not(bind(not.term()));
        }
        if (c instanceof Condition.Compare cmp) {
            FieldDef f = filterable(cmp.field());
            if (f.type() == FieldType.BOOLEAN && cmp.op() != Condition.Operator.EQ
                    && cmp.op() != Condition.Operator.NE) {
                throw filterError("invalid operator on boolean field '" + f.name() + "'");
            }
            return new Condition.Compare(f.name(), cmp.op(), checkValue(f, cmp.value()));
        }
        if (c instanceof Condition.In in) {
            FieldDef f = filterable(in.field());
            return new Condition.In(f.name(), in.negated(), in.values().stream().map(v -> checkValue(f, v)).toList());
        }
        if (c instanceof Condition.Like like) {
            FieldDef f = filterable(like.field());
            if (f.type() != FieldType.STRING && f.type() != FieldType.PICKLIST) {
                throw filterError("invalid operator on " + f.type().describeName() + " field '" + f.name() + "'");
            }
            return new Condition.Like(f.name(), like.pattern());
        }
        return c;
    }

    private FieldDef filterable(String name) {
        FieldDef f = field(name);
        if (!f.filterable()) {
            throw new ApiRequestException(400, "INVALID_FIELD", "field '" + f.name()
                    + "' can not be filtered in a query call");
        }
        return f;
    }

    /** Salesforce refuses a value of the wrong type for the field rather than comparing it. */
    private Literal checkValue(FieldDef f, Literal value) {
        if (value instanceof Literal.Null) {
            return value;
        }
        boolean ok = switch (f.type()) {
            case ID, REFERENCE -> value instanceof Literal.Text;
            case STRING, PICKLIST, TEXTAREA -> value instanceof Literal.Text;
            case DATE -> value instanceof Literal.DateValue || value instanceof Literal.RelativeDate;
            case DATETIME -> value instanceof Literal.DateTimeValue || value instanceof Literal.RelativeDate;
            case BOOLEAN -> value instanceof Literal.Bool;
            case INT -> value instanceof Literal.Number;
        };
        if (!ok) {
            String quoting = f.type().isText() || f.type().isId() ? "should be enclosed in quotes"
                    : "should not be enclosed in quotes";
            throw filterError("value of filter criterion for field '" + f.name() + "' must be of type "
                    + typeName(f.type()) + " and " + quoting);
        }
        if (f.type().isId()) {
            String text = ((Literal.Text) value).value();
            String id = SalesforceIds.normalize(text).orElseThrow(() -> filterError("invalid ID field: " + text));
            return new Literal.Text(id, Pattern.quote(id));
        }
        return value;
    }

    private static String typeName(FieldType type) {
        return switch (type) {
            case DATETIME -> "dateTime";
            case STRING, PICKLIST, TEXTAREA -> "string";
            case ID, REFERENCE -> "id";
            case INT -> "double";
            default -> type.describeName();
        };
    }

    private static ApiRequestException filterError(String message) {
        return new ApiRequestException(400, "INVALID_QUERY_FILTER_OPERATOR", message);
    }

    // ------------------------------------------------------------------ evaluation

    private boolean matches(Condition c, SObjectRecord row) {
        if (c instanceof Condition.And and) {
            return and.terms().stream().allMatch(t -> matches(t, row));
        }
        if (c instanceof Condition.Or or) {
            return or.terms().stream().anyMatch(t -> matches(t, row));
        }
        if (c instanceof Condition.Not not) {
            return !matches(not.term(), row);
        }
        if (c instanceof Condition.Compare cmp) {
            return compare(row.get(cmp.field()), cmp.op(), cmp.value(), isId(cmp.field()));
        }
        if (c instanceof Condition.In in) {
            return in.negated() != in.values().stream()
                    .anyMatch(v -> compare(row.get(in.field()), Condition.Operator.EQ, v, isId(in.field())));
        }
        if (c instanceof Condition.Like like) {
            Object v = row.get(like.field());
            return v != null && Pattern.compile(like.pattern().likeRegex(),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL).matcher(v.toString()).matches();
        }
        return true;
    }

    /** Ids compare exactly (both sides are normalised 18-char ids), as ORDER BY Id orders them. */
    private boolean isId(String field) {
        return schema.field(field).map(f -> f.type().isId()).orElse(false);
    }

    private boolean compare(Object value, Condition.Operator op, Literal literal, boolean exactText) {
        if (literal instanceof Literal.Null) {
            return switch (op) {
                case EQ -> value == null;
                case NE -> value != null;
                default -> false;
            };
        }
        if (value == null) {
            return op == Condition.Operator.NE;
        }
        if (literal instanceof Literal.RelativeDate range) {
            return inRange(value, op, range);
        }
        int cmp;
        if (literal instanceof Literal.Text t && exactText) {
            cmp = value.toString().compareTo(t.value());
        } else if (literal instanceof Literal.Text t) {
            cmp = value.toString().toLowerCase(Locale.ROOT).compareTo(t.value().toLowerCase(Locale.ROOT));
        } else if (literal instanceof Literal.Number n) {
            cmp = new BigDecimal(value.toString()).compareTo(n.value());
        } else if (literal instanceof Literal.Bool b) {
            cmp = Boolean.compare((Boolean) value, b.value());
        } else if (literal instanceof Literal.DateValue d) {
            cmp = ((LocalDate) value).compareTo(d.value());
        } else if (literal instanceof Literal.DateTimeValue dt) {
            cmp = ((Instant) value).compareTo(dt.value());
        } else {
            throw new IllegalStateException("unbound literal");
        }
        return holds(op, cmp);
    }

    /** A relative date is a range: "=" means inside it, "<" before its start, ">" after its end. */
    private boolean inRange(Object value, Condition.Operator op, Literal.RelativeDate range) {
        LocalDate first = today.plusDays(range.offsetDays());
        LocalDate afterLast = first.plusDays(range.days());
        int vsStart;
        int vsEnd;
        if (value instanceof Instant instant) {
            vsStart = instant.compareTo(first.atStartOfDay(ZoneOffset.UTC).toInstant());
            vsEnd = instant.compareTo(afterLast.atStartOfDay(ZoneOffset.UTC).toInstant());
        } else {
            vsStart = ((LocalDate) value).compareTo(first);
            vsEnd = ((LocalDate) value).compareTo(afterLast);
        }
        boolean inside = vsStart >= 0 && vsEnd < 0;
        return switch (op) {
            case EQ -> inside;
            case NE -> !inside;
            case LT -> vsStart < 0;
            case LE -> vsEnd < 0;
            case GT -> vsEnd >= 0;
            case GE -> vsStart >= 0;
        };
    }

    private static boolean holds(Condition.Operator op, int cmp) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<SObjectRecord> comparator(FieldDef f, SoqlQuery.OrderBy o) {
        Comparator<Object> values = f.type().isText()
                ? Comparator.comparing(v -> v.toString().toLowerCase(Locale.ROOT))
                : (a, b) -> ((Comparable) a).compareTo(b);
        if (o.descending()) {
            values = values.reversed();
        }
        Comparator<Object> withNulls = o.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
        return Comparator.comparing(r -> r.get(f.name()), withNulls);
    }
}
