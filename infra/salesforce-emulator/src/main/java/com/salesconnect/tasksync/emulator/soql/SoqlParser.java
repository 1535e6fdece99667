package com.salesconnect.tasksync.emulator.soql;

import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the SOQL subset a sync client sends. Like Salesforce, it refuses to guess: AND and OR may not be
 * mixed without parentheses, keywords are case-insensitive, and anything it does not know is MALFORMED_QUERY.
 */
public final class SoqlParser {

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "NULL", "TRUE", "FALSE",
            "GROUP", "HAVING", "WITH", "FOR", "USING", "INCLUDES", "EXCLUDES", "TYPEOF");

    private final List<Token> tokens;
    private int at;

    private SoqlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static SoqlQuery parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw new ApiRequestException(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        return new SoqlParser(SoqlLexer.tokenize(soql)).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        List<String> fields = new ArrayList<>();
        boolean count = false;
        if (peek().isKeyword("COUNT") && tokens.get(at + 1).is(Token.Kind.LPAREN)) {
            next();
            next();
            expect(Token.Kind.RPAREN);
            count = true;
        } else {
            do {
                fields.add(fieldName());
            } while (accept(Token.Kind.COMMA));
        }
        expectKeyword("FROM");
        String object = identifier();
        Condition where = new Condition.Always();
        if (acceptKeyword("WHERE")) {
            where = expression();
        }
        List<SoqlQuery.OrderBy> orderBy = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                orderBy.add(orderItem());
            } while (accept(Token.Kind.COMMA));
        }
        int limit = Integer.MAX_VALUE;
        if (acceptKeyword("LIMIT")) {
            limit = nonNegativeInt("LIMIT");
        }
        int offset = 0;
        if (acceptKeyword("OFFSET")) {
            offset = nonNegativeInt("OFFSET");
            if (offset > 2000) {
                throw new ApiRequestException(400, "NUMBER_OUTSIDE_VALID_RANGE",
                        "Maximum SOQL offset allowed is 2000");
            }
        }
        if (!peek().is(Token.Kind.EOF)) {
            throw unexpected(peek());
        }
        return new SoqlQuery(fields, count, object, where, orderBy, limit, offset);
    }

    private SoqlQuery.OrderBy orderItem() {
        String field = fieldName();
        boolean descending = false;
        if (acceptKeyword("DESC")) {
            descending = true;
        } else {
            acceptKeyword("ASC");
        }
        boolean nullsFirst = !descending;
        if (acceptKeyword("NULLS")) {
            if (acceptKeyword("FIRST")) {
                nullsFirst = true;
            } else {
                expectKeyword("LAST");
                nullsFirst = false;
            }
        }
        return new SoqlQuery.OrderBy(field, descending, nullsFirst);
    }

    /** A chain of terms joined by AND, or by OR; mixing them needs parentheses. */
    private Condition expression() {
        Condition first = term();
        if (peek().isKeyword("AND") || peek().isKeyword("OR")) {
            String joiner = peek().text().toUpperCase(Locale.ROOT);
            List<Condition> terms = new ArrayList<>(List.of(first));
            while (acceptKeyword(joiner)) {
                terms.add(term());
            }
            if (peek().isKeyword("AND") || peek().isKeyword("OR")) {
                throw unexpected(peek());
            }
            return joiner.equals("AND") ? new Condition.And(terms) : new Condition.Or(terms);
        }
        return first;
    }

    private Condition term() {
        if (acceptKeyword("NOT")) {
            return new Condition.Not(term());
        }
        if (accept(Token.Kind.LPAREN)) {
            Condition inner = expression();
            expect(Token.Kind.RPAREN);
            return inner;
        }
        String field = fieldName();
        if (acceptKeyword("LIKE")) {
            Token pattern = next();
            if (!pattern.is(Token.Kind.STRING)) {
                throw unexpected(pattern);
            }
            return new Condition.Like(field, (Literal.Text) pattern.value());
        }
        boolean negated = false;
        if (peek().isKeyword("NOT") && tokens.get(at + 1).isKeyword("IN")) {
            next();
            negated = true;
        }
        if (acceptKeyword("IN")) {
            expect(Token.Kind.LPAREN);
            if (peek().isKeyword("SELECT")) {
                throw new ApiRequestException(400, "MALFORMED_QUERY", position(peek())
                        + "semi-join sub-selects are not supported by this emulator");
            }
            List<Literal> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (accept(Token.Kind.COMMA));
            expect(Token.Kind.RPAREN);
            return new Condition.In(field, negated, values);
        }
        Token op = next();
        if (!op.is(Token.Kind.OPERATOR)) {
            throw unexpected(op);
        }
        return new Condition.Compare(field, Condition.Operator.of(op.text()), literal());
    }

    private Literal literal() {
        Token t = next();
        switch (t.kind()) {
            case STRING -> {
                return (Literal) t.value();
            }
            case NUMBER -> {
                return new Literal.Number((BigDecimal) t.value());
            }
            case DATE -> {
                return new Literal.DateValue((java.time.LocalDate) t.value());
            }
            case DATETIME -> {
                return new Literal.DateTimeValue((java.time.Instant) t.value());
            }
            case IDENT -> {
                return namedLiteral(t);
            }
            default -> throw unexpected(t);
        }
    }

    private Literal namedLiteral(Token t) {
        String name = t.text().toUpperCase(Locale.ROOT);
        switch (name) {
            case "NULL" -> {
                return new Literal.Null();
            }
            case "TRUE" -> {
                return new Literal.Bool(true);
            }
            case "FALSE" -> {
                return new Literal.Bool(false);
            }
            case "TODAY" -> {
                return new Literal.RelativeDate(name, 0, 1);
            }
            case "YESTERDAY" -> {
                return new Literal.RelativeDate(name, -1, 1);
            }
            case "TOMORROW" -> {
                return new Literal.RelativeDate(name, 1, 1);
            }
            case "LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO" -> {
                expect(Token.Kind.COLON);
                int n = nonNegativeInt(name);
                return switch (name) {
                    case "LAST_N_DAYS" -> new Literal.RelativeDate(name + ":" + n, -n, n + 1);
                    case "NEXT_N_DAYS" -> new Literal.RelativeDate(name + ":" + n, 1, n);
                    default -> new Literal.RelativeDate(name + ":" + n, -n, 1);
                };
            }
            default -> throw unexpected(t);
        }
    }

    private String fieldName() {
        Token t = next();
        if (!t.is(Token.Kind.IDENT) || RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
            throw unexpected(t);
        }
        if (peek().is(Token.Kind.LPAREN)) {
            throw new ApiRequestException(400, "MALFORMED_QUERY", position(t) + "function " + t.text()
                    + " is not supported by this emulator");
        }
        return t.text();
    }

    private String identifier() {
        Token t = next();
        if (!t.is(Token.Kind.IDENT) || t.text().contains(".")) {
            throw unexpected(t);
        }
        return t.text();
    }

    private int nonNegativeInt(String clause) {
        Token t = next();
        if (!t.is(Token.Kind.NUMBER) || t.text().contains(".") || t.text().startsWith("-")) {
            throw new ApiRequestException(400, "MALFORMED_QUERY", position(t) + clause
                    + " needs a non-negative integer, not " + t.describe());
        }
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw new ApiRequestException(400, "MALFORMED_QUERY", position(t) + clause + " is too large");
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (!t.is(Token.Kind.EOF)) {
            at++;
        }
        return t;
    }

    private boolean accept(Token.Kind kind) {
        if (peek().is(kind)) {
            at++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(Token.Kind kind) {
        Token t = next();
        if (!t.is(kind)) {
            throw unexpected(t);
        }
    }

    private void expectKeyword(String keyword) {
        Token t = next();
        if (!t.isKeyword(keyword)) {
            throw unexpected(t);
        }
    }

    private static ApiRequestException unexpected(Token t) {
        return new ApiRequestException(400, "MALFORMED_QUERY", position(t) + "unexpected token: '"
                + t.describe() + "'");
    }

    private static String position(Token t) {
        return "ERROR at Row:1:Column:" + t.column() + "\n";
    }
}
