package com.salesconnect.tasksync.emulator.soql;

import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import com.salesconnect.tasksync.emulator.sobject.SfTime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SOQL into tokens. String literals are single-quoted with SOQL's backslash escapes; anything inside
 * the quotes is data, never syntax, so a quote or keyword smuggled into a value cannot change the statement.
 */
final class SoqlLexer {

    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final String soql;
    private int pos;

    private SoqlLexer(String soql) {
        this.soql = soql;
    }

    static List<Token> tokenize(String soql) {
        return new SoqlLexer(soql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= soql.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", null, pos + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = soql.charAt(pos);
        int start = pos;
        if (c == '\'') {
            return string();
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < soql.length() && Character.isDigit(soql.charAt(pos + 1)))) {
            return numberOrDate();
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < soql.length() && (Character.isLetterOrDigit(soql.charAt(pos)) || soql.charAt(pos) == '_'
                    || soql.charAt(pos) == '.')) {
                pos++;
            }
            return new Token(Token.Kind.IDENT, soql.substring(start, pos), null, start + 1);
        }
        pos++;
        switch (c) {
            case '(' -> {
                return new Token(Token.Kind.LPAREN, "(", null, start + 1);
            }
            case ')' -> {
                return new Token(Token.Kind.RPAREN, ")", null, start + 1);
            }
            case ',' -> {
                return new Token(Token.Kind.COMMA, ",", null, start + 1);
            }
            case ':' -> {
                return new Token(Token.Kind.COLON, ":", null, start + 1);
            }
            case '=' -> {
                return new Token(Token.Kind.OPERATOR, "=", null, start + 1);
            }
            case '!' -> {
                if (pos < soql.length() && soql.charAt(pos) == '=') {
                    pos++;
                    return new Token(Token.Kind.OPERATOR, "!=", null, start + 1);
                }
                throw unexpected("!", start);
            }
            case '<', '>' -> {
                if (pos < soql.length() && soql.charAt(pos) == '=') {
                    pos++;
                    return new Token(Token.Kind.OPERATOR, c + "=", null, start + 1);
                }
                if (c == '<' && pos < soql.length() && soql.charAt(pos) == '>') {
                    pos++;
                    return new Token(Token.Kind.OPERATOR, "!=", null, start + 1);
                }
                return new Token(Token.Kind.OPERATOR, String.valueOf(c), null, start + 1);
            }
            default -> throw unexpected(String.valueOf(c), start);
        }
    }

    private Token string() {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        StringBuilder like = new StringBuilder();
        while (pos < soql.length()) {
            char c = soql.charAt(pos++);
            if (c == '\'') {
                return new Token(Token.Kind.STRING, soql.substring(start, pos),
                        new Literal.Text(value.toString(), like.toString()), start + 1);
            }
            if (c != '\\') {
                value.append(c);
                like.append(c == '%' ? ".*" : c == '_' ? "." : quote(c));
                continue;
            }
            if (pos >= soql.length()) {
                break;
            }
            char e = soql.charAt(pos++);
            char decoded = switch (e) {
                case 'n', 'N' -> '\n';
                case 'r', 'R' -> '\r';
                case 't', 'T' -> '\t';
                case 'b', 'B' -> '\b';
                case 'f', 'F' -> '\f';
                // \_ and \% are a literal underscore and percent sign in a LIKE pattern.
                case '"', '\'', '\\', '_', '%' -> e;
                default -> throw new ApiRequestException(400, "MALFORMED_QUERY", position(start)
                        + "Invalid string literal. Illegal escape sequence \\" + e);
            };
            value.append(decoded);
            like.append(quote(decoded));
        }
        throw new ApiRequestException(400, "MALFORMED_QUERY", position(start) + "unterminated string literal");
    }

    /** One character as a regular expression matching exactly it. */
    private static String quote(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : String.format("\\x{%x}", (int) c);
    }

    private Token numberOrDate() {
        int start = pos;
        Matcher dt = DATE_TIME.matcher(soql).region(pos, soql.length());
        if (dt.lookingAt()) {
            pos = dt.end();
            String text = dt.group();
            return new Token(Token.Kind.DATETIME, text, SfTime.parseDateTime(text)
                    .orElseThrow(() -> invalidDate(text, start)), start + 1);
        }
        Matcher d = DATE.matcher(soql).region(pos, soql.length());
        if (d.lookingAt() && (d.end() == soql.length() || !Character.isLetterOrDigit(soql.charAt(d.end())))) {
            pos = d.end();
            String text = d.group();
            return new Token(Token.Kind.DATE, text, SfTime.parseDate(text)
                    .orElseThrow(() -> invalidDate(text, start)), start + 1);
        }
        Matcher n = NUMBER.matcher(soql).region(pos, soql.length());
        if (!n.lookingAt()) {
            throw unexpected(String.valueOf(soql.charAt(pos)), pos);
        }
        pos = n.end();
        if (pos < soql.length() && (Character.isLetter(soql.charAt(pos)) || soql.charAt(pos) == '-')) {
            throw unexpected(soql.substring(start, Math.min(soql.length(), pos + 1)), start);
        }
        return new Token(Token.Kind.NUMBER, n.group(), new BigDecimal(n.group()), start + 1);
    }

    private void skipWhitespace() {
        while (pos < soql.length() && Character.isWhitespace(soql.charAt(pos))) {
            pos++;
        }
    }

    private ApiRequestException invalidDate(String text, int at) {
        return new ApiRequestException(400, "MALFORMED_QUERY", position(at) + "value of date literal " + text
                + " is not a valid date");
    }

    private ApiRequestException unexpected(String what, int at) {
        return new ApiRequestException(400, "MALFORMED_QUERY", position(at) + "unexpected token: '" + what + "'");
    }

    private static String position(int at) {
        return "ERROR at Row:1:Column:" + (at + 1) + "\n";
    }
}
