package com.salesconnect.tasksync.emulator.http;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormEncodingTest {

    @Test
    void duplicateNames_keepEveryValueInArrivalOrder() {
        Map<String, List<String>> form = FormEncoding.parse("b=2&a=1&b=3");

        assertThat(form).containsExactly(Map.entry("b", List.of("2", "3")), Map.entry("a", List.of("1")));
    }

    @Test
    void plusIsASpace_andPercentEscapesAreUtf8Bytes() {
        assertThat(FormEncoding.parse("q=a+b%2Bc&n%C3%A4me=%E2%82%AC")).containsExactlyEntriesOf(
                singleValues("q", "a b+c", "näme", "€"));
    }

    @Test
    void nameWithoutEquals_orWithEmptyValue_hasTheEmptyValue() {
        assertThat(FormEncoding.parse("flag&empty=&x=1")).containsExactlyEntriesOf(
                singleValues("flag", "", "empty", "", "x", "1"));
    }

    @Test
    void emptyPairs_nullAndEmptyText_giveNothingExtra() {
        assertThat(FormEncoding.parse("&&a=1&&")).containsExactlyEntriesOf(singleValues("a", "1"));
        assertThat(FormEncoding.parse("")).isEmpty();
        assertThat(FormEncoding.parse(null)).isEmpty();
    }

    @Test
    void onlyTheFirstEqualsSplits() {
        assertThat(FormEncoding.parse("token=abc==")).containsExactlyEntriesOf(singleValues("token", "abc=="));
    }

    @Test
    void malformedEscape_isAClearErrorNamingThePairButNotItsText() {
        assertThatThrownBy(() -> FormEncoding.parse("user=alice&password=s3cr%zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed form or query string: the value of pair 2 has a '%' not followed by two hex digits")
                .message().doesNotContain("s3cr");
        assertThatThrownBy(() -> FormEncoding.parse("a%2=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the name of pair 1");
    }

    @Test
    void keepingMalformed_leavesOnlyTheMalformedPartAsSent() {
        assertThat(FormEncoding.parseKeepingMalformed("q=100%&a+b=x%zz+y&ok=c+d")).containsExactlyEntriesOf(
                singleValues("q", "100%", "a b", "x%zz+y", "ok", "c d"));
    }

    @Test
    void encode_roundTripsThroughParse() {
        String value = "a b+c&d=é";

        assertThat(FormEncoding.parse("v=" + FormEncoding.encode(value))).containsExactlyEntriesOf(singleValues("v", value));
    }

    /** Name, value, name, value...: each name with its one value, in order. */
    private static Map<String, List<String>> singleValues(String... namesAndValues) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            expected.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return expected;
    }
}
