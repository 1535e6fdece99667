package com.salesconnect.tasksync.emulator.soql;

import com.salesconnect.tasksync.emulator.sobject.ApiRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoqlParserTest {

    @Test
    void parse_readsSelectFromWhereOrderByLimitOffset() {
        SoqlQuery q = SoqlParser.parse("SELECT Id, Subject FROM Task WHERE OwnerId = '005000000000001' "
                + "ORDER BY SystemModstamp DESC NULLS FIRST, Id LIMIT 10 OFFSET 5");
        assertThat(q.fields()).containsExactly("Id", "Subject");
        assertThat(q.object()).isEqualTo("Task");
        assertThat(q.where()).isEqualTo(new Condition.Compare("OwnerId", Condition.Operator.EQ,
                new Literal.Text("005000000000001", "005000000000001")));
        assertThat(q.orderBy()).containsExactly(new SoqlQuery.OrderBy("SystemModstamp", true, true),
                new SoqlQuery.OrderBy("Id", false, true));
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.offset()).isEqualTo(5);
    }

    @Test
    void parse_keywordsAreCaseInsensitive() {
        SoqlQuery q = SoqlParser.parse("select id from task where isdeleted = TRUE order by id asc limit 1");
        assertThat(q.where()).isEqualTo(new Condition.Compare("isdeleted", Condition.Operator.EQ,
                new Literal.Bool(true)));
        assertThat(q.limit()).isEqualTo(1);
    }

    @Test
    void parse_readsEveryOperatorAndLiteralType() {
        SoqlQuery q = SoqlParser.parse("SELECT Id FROM Task WHERE A = 'x' AND B != null AND C <> 1 AND D < 2.5 "
                + "AND E <= 2026-11-24 AND F > 2026-11-24T10:00:00Z AND G >= 2026-11-24T10:00:00+0000 "
                + "AND H = false AND I = 2026-11-24T12:00:00.000+02:00");
        List<Condition> terms = ((Condition.And) q.where()).terms();
        assertThat(terms).extracting(t -> ((Condition.Compare) t).op()).containsExactly(Condition.Operator.EQ,
                Condition.Operator.NE, Condition.Operator.NE, Condition.Operator.LT, Condition.Operator.LE,
                Condition.Operator.GT, Condition.Operator.GE, Condition.Operator.EQ, Condition.Operator.EQ);
        assertThat(terms).extracting(t -> ((Condition.Compare) t).value()).containsExactly(
                new Literal.Text("x", "x"), new Literal.Null(), new Literal.Number(BigDecimal.ONE),
                new Literal.Number(new BigDecimal("2.5")), new Literal.DateValue(LocalDate.of(2026, 11, 24)),
                new Literal.DateTimeValue(Instant.parse("2026-11-24T10:00:00Z")),
                new Literal.DateTimeValue(Instant.parse("2026-11-24T10:00:00Z")), new Literal.Bool(false),
                new Literal.DateTimeValue(Instant.parse("2026-11-24T10:00:00Z")));
    }

    @Test
    void parse_decodesSoqlEscapesInStrings() {
        Condition c = SoqlParser.parse("SELECT Id FROM Task WHERE Subject = 'It\\'s \\\\ a \\\"b\\\"\\n\\t\\r'")
                .where();
        assertThat(((Literal.Text) ((Condition.Compare) c).value()).value()).isEqualTo("It's \\ a \"b\"\n\t\r");
    }

    @Test
    void parse_aQuoteInsideAStringStaysData() {
        SoqlQuery q = SoqlParser.parse("SELECT Id FROM Task WHERE Subject = 'x\\' OR Id != \\'' LIMIT 1");
        assertThat(q.where()).isInstanceOf(Condition.Compare.class);
        assertThat(((Literal.Text) ((Condition.Compare) q.where()).value()).value()).isEqualTo("x' OR Id != '");
        assertThat(q.limit()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT Id FROM Task WHERE Subject = 'x' OR 'a'='a'",
            "SELECT Id FROM Task WHERE Subject = 'x''",
            "SELECT Id FROM Task WHERE Subject = 'x'; DELETE FROM Task",
            "SELECT Id FROM Task WHERE Subject = 'x' -- '",
            "SELECT Id FROM Task WHERE Subject = 'x\\' OR Id != null"})
    void parse_injectionAttemptsFailOrStayLiteral(String soql) {
        assertThatThrownBy(() -> SoqlParser.parse(soql)).isInstanceOf(ApiRequestException.class)
                .extracting(e -> ((ApiRequestException) e).errorCode()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void parse_readsInNotInLikeAndNot() {
        SoqlQuery q = SoqlParser.parse("SELECT Id FROM Task WHERE (Status IN ('A', 'B') OR Status NOT IN ('C')) "
                + "AND NOT Subject LIKE 'Call%' AND NOT (Priority = 'Low')");
        Condition.And and = (Condition.And) q.where();
        assertThat(and.terms()).hasSize(3);
        Condition.Or or = (Condition.Or) and.terms().get(0);
        assertThat(or.terms().get(0)).isInstanceOf(Condition.In.class);
        assertThat(((Condition.In) or.terms().get(1)).negated()).isTrue();
        assertThat(((Condition.Not) and.terms().get(1)).term()).isInstanceOf(Condition.Like.class);
    }

    @Test
    void parse_readsCountAndRelativeDates() {
        SoqlQuery q = SoqlParser.parse("SELECT COUNT() FROM Task WHERE ActivityDate = LAST_N_DAYS:7 "
                + "AND CreatedDate < TODAY");
        assertThat(q.countOnly()).isTrue();
        List<Condition> terms = ((Condition.And) q.where()).terms();
        assertThat(((Condition.Compare) terms.get(0)).value()).isEqualTo(new Literal.RelativeDate("LAST_N_DAYS:7", -7, 8));
        assertThat(((Condition.Compare) terms.get(1)).value()).isEqualTo(new Literal.RelativeDate("TODAY", 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "SELECT FROM Task",
            "SELECT Id Task",
            "SELECT Id, FROM Task",
            "SELECT Id FROM Task WHERE",
            "SELECT Id FROM Task WHERE Subject = 'a' AND Status = 'b' OR Priority = 'c'",
            "SELECT Id FROM Task WHERE Subject = 'a' OR Status = 'b' AND Priority = 'c'",
            "SELECT Id FROM Task WHERE Subject = 'unterminated",
            "SELECT Id FROM Task WHERE Subject = 'bad escape \\q'",
            "SELECT Id FROM Task WHERE (Subject = 'a'",
            "SELECT Id FROM Task LIMIT -1",
            "SELECT Id FROM Task LIMIT x",
            "SELECT Id FROM Task ORDER Id",
            "SELECT Id FROM Task WHERE Subject LIKE 5",
            "SELECT Id FROM Task WHERE Subject == 'a'",
            "SELECT Id FROM Task WHERE ActivityDate = YESTERDAYS",
            "SELECT Id FROM Task WHERE ActivityDate = 2026-13-45",
            "SELECT MAX(Id) FROM Task",
            "SELECT Id FROM Task WHERE Id IN (SELECT WhoId FROM Task)",
            "SELECT Id FROM Task GROUP BY Id",
            "SELECT Id FROM Task FOR UPDATE"})
    void parse_malformedQueriesAreMalformedQuery(String soql) {
        assertThatThrownBy(() -> SoqlParser.parse(soql)).isInstanceOf(ApiRequestException.class)
                .satisfies(e -> {
                    ApiRequestException a = (ApiRequestException) e;
                    assertThat(a.errorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(a.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void parse_offsetOver2000IsOutOfRange() {
        assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Task OFFSET 2001"))
                .extracting(e -> ((ApiRequestException) e).errorCode()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
    }
}
