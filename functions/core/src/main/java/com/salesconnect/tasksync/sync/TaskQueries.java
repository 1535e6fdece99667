package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApi.QueryPage;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.task.SfTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only SOQL the sync sends: four shapes, each a constant template whose values are bound by {@link Soql}.
 * Keeping them few and fixed lets a test double (and a reviewer) know every statement that can reach Salesforce.
 * {@link #recognise} maps a rendered statement back to its {@link TaskQuery}, matching the constant templates
 * only; anything else is not ours.
 */
public final class TaskQueries {

    /** Ids per {@link TaskQuery.ByIds}: a collection call's size, and far below SOQL's statement length limit. */
    public static final int MAX_IDS = 200;
    /** Bound on pages followed in one call, so a misbehaving locator cannot loop forever. */
    static final int MAX_PAGES = 1_000;

    static final String FIELDS = String.join(", ", SalesforceApi.TASK_FIELDS);
    public static final String BY_IDS = "SELECT " + FIELDS + " FROM Task WHERE Id IN :ids";
    public static final String CHANGED_SINCE = "SELECT " + FIELDS
            + " FROM Task WHERE OwnerId = :owner AND SystemModstamp > :since ORDER BY SystemModstamp, Id";
    public static final String IMPORT_FIRST_PAGE = "SELECT " + FIELDS
            + " FROM Task WHERE OwnerId = :owner AND LastModifiedDate >= :since"
            + " ORDER BY SystemModstamp, Id LIMIT :limit";
    public static final String IMPORT_NEXT_PAGE = "SELECT " + FIELDS
            + " FROM Task WHERE OwnerId = :owner AND LastModifiedDate >= :since AND (SystemModstamp > :afterStamp"
            + " OR (SystemModstamp = :afterStamp AND Id > :afterId)) ORDER BY SystemModstamp, Id LIMIT :limit";
    public static final String RECENT_CREATES = "SELECT " + FIELDS
            + " FROM Task WHERE OwnerId = :owner AND CreatedById = :owner AND CreatedDate >= :since"
            + " AND CreatedDate <= :until"
            + " ORDER BY CreatedDate, Id";

    private static final Pattern PLACEHOLDER = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");
    private static final List<Shape> SHAPES = List.of(
            Shape.of(BY_IDS, p -> new TaskQuery.ByIds(idList(p.get("ids")))),
            Shape.of(CHANGED_SINCE, p -> new TaskQuery.ChangedSince(id(p.get("owner")), instant(p.get("since")))),
            Shape.of(IMPORT_FIRST_PAGE, p -> new TaskQuery.ImportPage(id(p.get("owner")), instant(p.get("since")),
                    null, Integer.parseInt(p.get("limit")))),
            Shape.of(IMPORT_NEXT_PAGE, p -> new TaskQuery.ImportPage(id(p.get("owner")), instant(p.get("since")),
                    new ImportCursor(instant(p.get("afterStamp")), id(p.get("afterId"))),
                    Integer.parseInt(p.get("limit")))),
            Shape.of(RECENT_CREATES, p -> new TaskQuery.RecentCreates(id(p.get("owner")), instant(p.get("since")),
                    instant(p.get("until")))));

    private TaskQueries() {
    }

    /** The typed query a statement was rendered from; empty for any statement not built from these templates. */
    public static Optional<TaskQuery> recognise(Soql soql) {
        for (Shape shape : SHAPES) {
            Matcher m = shape.pattern().matcher(soql.text());
            if (m.matches()) {
                Map<String, String> params = new HashMap<>();
                for (String name : shape.names()) {
                    params.put(name, m.group(name));
                }
                try {
                    return Optional.of(shape.build().apply(params));
                } catch (RuntimeException notThisShape) {
                    // A longer template can match a shorter one's pattern with a value that is no literal.
                }
            }
        }
        return Optional.empty();
    }

    /** The first page of {@code query}, through {@code queryAll} when it needs deleted rows. */
    public static QueryPage firstPage(SalesforceApi api, TaskQuery query) {
        return query.includeDeleted() ? api.queryAll(query.soql()) : api.query(query.soql());
    }

    /** The page after {@code page}, or empty on the last page. */
    public static Optional<QueryPage> nextPage(SalesforceApi api, QueryPage page) {
        if (page.done() || page.nextRecordsUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(api.nextPage(page.nextRecordsUrl()));
    }

    /** Every row of {@code query}, following next-page links. */
    public static List<SfTask> all(SalesforceApi api, TaskQuery query) {
        List<SfTask> out = new ArrayList<>();
        QueryPage page = firstPage(api, query);
        for (int pages = 1; ; pages++) {
            out.addAll(page.records());
            Optional<QueryPage> next = nextPage(api, page);
            if (next.isEmpty()) {
                return out;
            }
            if (pages >= MAX_PAGES) {
                throw new IllegalStateException("query returned more than " + MAX_PAGES + " pages");
            }
            page = next.get();
        }
    }

    /**
     * Current versions (deleted ones included) of the given tasks, by 18-char id: one query per 200 ids, sent
     * together ({@link SalesforceApi#queryAllPages}: five in one API call over REST).
     */
    public static Map<String, SfTask> byIds(SalesforceApi api, Collection<String> sfIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(sfIds.stream().map(SalesforceIds::to18).toList()));
        List<Soql> statements = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS) {
            statements.add(new TaskQuery.ByIds(ids.subList(from, Math.min(ids.size(), from + MAX_IDS))).soql());
        }
        Map<String, SfTask> out = new LinkedHashMap<>();
        if (statements.isEmpty()) {
            return out;
        }
        for (QueryPage first : api.queryAllPages(statements)) {
            QueryPage page = first;
            for (int pages = 1; ; pages++) {
                page.records().forEach(row -> out.put(SalesforceIds.to18(row.id()), row));
                Optional<QueryPage> next = nextPage(api, page);
                if (next.isEmpty()) {
                    break;
                }
                if (pages >= MAX_PAGES) {
                    throw new IllegalStateException("query returned more than " + MAX_PAGES + " pages");
                }
                page = next.get();
            }
        }
        return out;
    }

    private record Shape(Pattern pattern, List<String> names, Function<Map<String, String>, TaskQuery> build) {

        static Shape of(String template, Function<Map<String, String>, TaskQuery> build) {
            StringBuilder regex = new StringBuilder();
            List<String> names = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start())));
                String name = m.group(1);
                if (names.contains(name)) {
                    regex.append("\\k<").append(name).append('>');
                } else {
                    names.add(name);
                    regex.append("(?<").append(name).append(">.+?)");
                }
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            return new Shape(Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(names), build);
        }
    }

    private static String id(String literal) {
        return new Soql.SfId(string(literal)).value();
    }

    private static List<String> idList(String literal) {
        if (!literal.startsWith("(") || !literal.endsWith(")")) {
            throw new IllegalArgumentException("not an IN list");
        }
        return Arrays.stream(literal.substring(1, literal.length() - 1).split(",")).map(TaskQueries::id).toList();
    }

    private static String string(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '\'' || literal.charAt(literal.length() - 1) != '\'') {
            throw new IllegalArgumentException("not a string literal");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            out.append(switch (e) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> e;
            });
        }
        return out.toString();
    }

    private static Instant instant(String literal) {
        return Instant.parse(literal);
    }

    /** Reverses {@link Soql}'s string quoting. */
}
