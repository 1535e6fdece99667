package com.salesconnect.tasksync.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A function's inline IAM policy as template.yaml declares it, evaluated the way IAM evaluates one request: an
 * explicit Deny wins, else some Allow must match the action, the resource and every condition. Resources are
 * logical ids ({@code SyncTable}, {@code SyncTable/index/EnabledUsers}). The condition operators and keys the
 * template uses are understood; any other operator is refused, so a new condition cannot pass unchecked.
 */
public record IamPolicy(List<Statement> statements) {

    public IamPolicy {
        statements = List.copyOf(statements);
    }

    /**
     * One request as IAM sees it: the action, the resource (logical id) and the request's condition keys
     * ({@code dynamodb:LeadingKeys}, {@code kms:EncryptionContext:purpose}, {@code kms:EncryptionContextKeys}, ...),
     * each with its values (a single-valued key has one).
     */
    public record Request(String action, String resource, Map<String, List<String>> context) {

        public Request {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            context = Map.copyOf(context);
        }

        /** The values of a condition key; IAM compares key names case-insensitively. */
        List<String> values(String key) {
            return context.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(key))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** One condition of a statement: {@code operator: {key: [values]}}. */
    public record Condition(String operator, String key, List<String> values) {

        private static final Set<String> OPERATORS = Set.of("StringEquals", "StringLike",
                "ForAllValues:StringEquals", "ForAllValues:StringLike", "ForAnyValue:StringEquals",
                "ForAnyValue:StringLike", "Null");

        public Condition {
            if (!OPERATORS.contains(operator)) {
                throw new IllegalArgumentException("the IAM check does not understand the condition operator "
                        + operator + " (on " + key + "): teach IamPolicy.Condition before using it");
            }
            values = List.copyOf(values);
        }

        boolean holds(Request request) {
            List<String> present = request.values(key);
            String match = operator.substring(operator.indexOf(':') + 1);
            if (operator.equals("Null")) {
                boolean absent = present == null || present.isEmpty();
                return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
            }
            if (operator.startsWith("ForAllValues:")) {
                // IAM: true for a request without the key (so a policy pairs it with another condition).
                return present == null || present.stream().allMatch(value -> matchesAny(match, value));
            }
            if (present == null || present.isEmpty()) {
                return false;
            }
            if (operator.startsWith("ForAnyValue:")) {
                return present.stream().anyMatch(value -> matchesAny(match, value));
            }
            if (present.size() != 1) {
                throw new IllegalStateException(key + " has several values; " + operator + " needs a set operator");
            }
            return matchesAny(match, present.get(0));
        }

        /** Whether {@code request} has a value of this key matching {@code alternative} (one of the values). */
        boolean uses(Request request, String alternative) {
            List<String> present = request.values(key);
            String match = operator.substring(operator.indexOf(':') + 1);
            return present != null && present.stream().anyMatch(value -> matches(match, alternative, value));
        }

        private boolean matchesAny(String match, String value) {
            return values.stream().anyMatch(pattern -> matches(match, pattern, value));
        }

        private static boolean matches(String match, String pattern, String value) {
            return match.equals("StringLike") ? like(pattern).matcher(value).matches() : pattern.equals(value);
        }

        /** IAM's StringLike: {@code *} any run of characters, {@code ?} one character, case-sensitive. */
        private static Pattern like(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }

    /** One statement: Allow or Deny of actions on resources (logical ids, or {@code *}) under conditions. */
    public record Statement(boolean allow, Set<String> actions, Set<String> resources, List<Condition> conditions) {

        public Statement {
            actions = Set.copyOf(actions);
            resources = Set.copyOf(resources);
            conditions = List.copyOf(conditions);
        }

        public boolean matches(Request request) {
            return actions.stream().anyMatch(a -> a.equalsIgnoreCase(request.action()))
                    && (resources.contains(request.resource()) || resources.contains("*"))
                    && conditions.stream().allMatch(c -> c.holds(request));
        }
    }

    /** Allowed: no Deny matches and some Allow does. */
    public boolean allows(Request request) {
        boolean denied = statements.stream().filter(s -> !s.allow()).anyMatch(s -> s.matches(request));
        return !denied && statements.stream().filter(Statement::allow).anyMatch(s -> s.matches(request));
    }

    /**
     * What the Allow statements grant that none of {@code requests} uses: per statement, action and resource, one
     * entry when nothing uses it at all, else one per value of a multi-valued condition that no request used (a
     * partition-key prefix, an encryption-context purpose), e.g.
     * {@code dynamodb:PutItem on SyncTable where dynamodb:LeadingKeys=CONFIG#ORG#*}.
     */
    public List<String> unusedBy(List<Request> requests) {
        List<String> unused = new ArrayList<>();
        for (Statement s : statements) {
            if (!s.allow()) {
                continue;
            }
            for (String action : s.actions()) {
                for (String resource : s.resources()) {
                    String grant = action + " on " + resource + fixedConditions(s);
                    List<Request> using = requests.stream()
                            .filter(r -> r.action().equalsIgnoreCase(action) && r.resource().equals(resource))
                            .filter(r -> s.matches(r) && allows(r))
                            .toList();
                    if (using.isEmpty()) {
                        unused.add(grant);
                        continue;
                    }
                    for (Condition c : s.conditions()) {
                        if (c.values().size() < 2 || c.operator().equals("Null")) {
                            continue;
                        }
                        for (String value : c.values()) {
                            if (using.stream().noneMatch(r -> c.uses(r, value))) {
                                unused.add(grant + " where " + c.key() + "=" + value);
                            }
                        }
                    }
                }
            }
        }
        return unused;
    }

    /** The single-valued conditions of a statement, to tell its grants from another statement's. */
    private static String fixedConditions(Statement s) {
        StringBuilder out = new StringBuilder();
        for (Condition c : s.conditions()) {
            if (c.values().size() == 1 && !c.operator().equals("Null")) {
                out.append(out.length() == 0 ? " if " : " and ").append(c.key()).append('=').append(c.values().get(0));
            }
        }
        return out.toString();
    }
}
