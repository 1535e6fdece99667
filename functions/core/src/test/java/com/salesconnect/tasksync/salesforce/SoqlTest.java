package com.salesconnect.tasksync.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoqlTest {

    static final String TEMPLATE = "SELECT Id FROM Task WHERE Subject = :s AND OwnerId = :o";
    static final String OWNER = "005xx000001Sv6eAAC";

    static String bind(String value) {
        return Soql.of(TEMPLATE, Map.of("s", value, "o", Soql.id(OWNER))).text();
    }

    /**
     * Reads the string literal that starts the text the way SOQL's lexer does (documented escapes only) and
     * returns its value and the rest of the statement after the closing quote.
     */
    static String[] lexLiteral(String text) {
        assertThat(text).startsWith("'");
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                return new String[]{value.toString(), text.substring(i + 1)};
            }
            if (c == '\\') {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n', 'N' -> value.append('\n');
                    case 'r', 'R' -> value.append('\r');
                    case 't', 'T' -> value.append('\t');
                    case 'b', 'B' -> value.append('\b');
                    case 'f', 'F' -> value.append('\f');
                    case '"', '\'', '\\' -> value.append(e);
                    case 'u' -> {
                        value.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> throw new AssertionError("SOQL would reject the escape \\" + e);
                }
            } else {
                value.append(c);
            }
        }
        throw new AssertionError("the literal is not closed");
    }

    /** The bound subject stays one literal and the rest of the statement is exactly the template's. */
    static void assertStaysOneLiteral(String value) {
        String text = bind(value);
        String prefix = "SELECT Id FROM Task WHERE Subject = ";
        assertThat(text).startsWith(prefix);
        String[] lexed = lexLiteral(text.substring(prefix.length()));
        assertThat(lexed[0]).isEqualTo(value);
        assertThat(lexed[1]).isEqualTo(" AND OwnerId = '" + OWNER + "'");
    }

    @Test
    void aQuoteCannotCloseTheLiteral() {
        assertThat(bind("' OR Id != '")).isEqualTo(
                "SELECT Id FROM Task WHERE Subject = '\\' OR Id != \\'' AND OwnerId = '" + OWNER + "'");
        assertStaysOneLiteral("' OR Id != '");
        assertStaysOneLiteral("x' OR OwnerId != '");
    }

    @Test
    void aBackslashCannotEscapeTheClosingQuote() {
        assertThat(bind("C:\\")).contains("'C:\\\\'");
        assertStaysOneLiteral("\\");
        assertStaysOneLiteral("\\' OR Id != \\'");
        assertStaysOneLiteral("\\\\'");
    }

    @Test
    void newlinesAndControlCharacters_areEscaped() {
        assertThat(bind("a\nb\r\tc")).contains("'a\\nb\\r\\tc'").doesNotContain("\n", "\r", "\t");
        assertThat(bind("nul\u0000bel\u0007")).contains("\\u0000").contains("\\u0007").doesNotContain("\u0000");
        assertStaysOneLiteral("line1\nline2 ' OR Id != '\r\n--");
    }

    @Test
    void unicode_isKeptAsIs() {
        assertThat(bind("Café — 東京 😀")).contains("'Café — 東京 😀'");
        assertStaysOneLiteral("Café — 東京 😀 \u2028 \u00a0");
    }

    @Test
    void aBoundValueLookingLikeAPlaceholder_isNotSubstitutedAgain() {
        String text = Soql.of(TEMPLATE, Map.of("s", ":o", "o", Soql.id(OWNER))).text();

        assertThat(text).isEqualTo("SELECT Id FROM Task WHERE Subject = ':o' AND OwnerId = '" + OWNER + "'");
    }

    @Test
    void randomHostileStrings_alwaysStayOneLiteral() {
        String alphabet = "'\\\"\n\r\t\b\f\u0000\u001f%_:() =!ORANDéü😀\u2028-";
        Random random = new Random(20240615);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
                s.appendCodePoint(cp);
            }
            assertStaysOneLiteral(s.toString());
        }
    }

    @Test
    void ids_areValidatedBeforeBinding() {
        assertThat(Soql.id("005xx000001Sv6e").value()).hasSize(15);
        assertThat(Soql.id(OWNER).value()).hasSize(18);
        for (String bad : List.of("005xx000001Sv6eAA", "005' OR Id != '", "005xx000001Sv6eAAC\n", "",
                "005xx000001Sv6é", "005xx000001Sv6eAAC OR")) {
            assertThatThrownBy(() -> Soql.id(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Soql.id(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalsInTheTemplate_areRefused() {
        assertThatThrownBy(() -> Soql.of("SELECT Id FROM Task WHERE Subject = 'x'"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlaceholderWithoutValue_isRefused() {
        assertThatThrownBy(() -> Soql.of("SELECT Id FROM Task WHERE OwnerId = :o", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":o");
    }

    @Test
    void datesDateTimesBooleansNumbersAndLists_renderAsSoqlLiterals() {
        Soql soql = Soql.of("SELECT Id FROM Task WHERE SystemModstamp > :since AND ActivityDate = :due "
                        + "AND IsClosed = :closed AND Id IN :ids LIMIT :n",
                Map.of("since", Instant.parse("2024-06-15T12:34:56.789Z"), "due", LocalDate.of(2024, 3, 10),
                        "closed", false, "ids", List.of(Soql.id("00T000000000001AAA"), Soql.id("00T000000000002AAA")),
                        "n", 200));

        assertThat(soql.text()).isEqualTo("SELECT Id FROM Task WHERE SystemModstamp > 2024-06-15T12:34:56Z "
                + "AND ActivityDate = 2024-03-10 AND IsClosed = false "
                + "AND Id IN ('00T000000000001AAA','00T000000000002AAA') LIMIT 200");
    }

    @Test
    void unsupportedValues_areRefused() {
        assertThatThrownBy(() -> Soql.of("SELECT Id FROM Task WHERE Id IN :ids", Map.of("ids", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Soql.of("SELECT Id FROM Task WHERE Id IN :ids",
                Map.of("ids", List.of(List.of("x"))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Soql.of("SELECT Id FROM Task LIMIT :n", Map.of("n", 1.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
