package com.salesconnect.tasksync.emulator.http;

import org.junit.jupiter.api.Test;

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
        assertThat(FormEncoding.parse("q=a+b%2Bc&n%C3%A4me=%E2%82%AC"))
                .containsExactly(Map.entry("q", List.of("a b+c")), Map.entry("näme", List.of("€")));
    }

    @Test
    void nameWithoutEquals_orWithEmptyValue_hasTheEmptyValue() {
        assertThat(FormEncoding.parse("flag&empty=&x=1"))
                .containsExactly(Map.entry("flag", List.of("")), Map.entry("empty", List.of("")),
                        Map.entry("x", List.of("1")));
    }

    @Test
    void emptyPairs_nullAndEmptyText_giveNothingExtra() {
        assertThat(FormEncoding.parse("&&a=1&&")).containsExactly(Map.entry("a", List.of("1")));
        assertThat(FormEncoding.parse("")).isEmpty();
        assertThat(FormEncoding.parse(null)).isEmpty();
    }

    @Test
    void onlyTheFirstEqualsSplits() {
        assertThat(FormEncoding.parse("token=abc==")).containsExactly(Map.entry("token", List.of("abc==")));
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
        assertThat(FormEncoding.parseKeepingMalformed("q=100%&a+b=x%zz+y&ok=c+d"))
                .containsExactly(Map.entry("q", List.of("100%")), Map.entry("a b", List.of("x%zz+y")),
                        Map.entry("ok", List.of("c d")));
    }

    @Test
    void encode_roundTripsThroughParse() {
        String value = "a b+c&d=é";

        assertThat(FormEncoding.parse("v=" + FormEncoding.encode(value))).containsExactly(Map.entry("v", List.of(value)));
    }
}
