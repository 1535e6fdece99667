package com.salesconnect.tasksync.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesconnect.tasksync.awsengine.TemplateResources;
import com.salesconnect.tasksync.local.template.SamTemplate;
import com.salesconnect.tasksync.local.template.FunctionEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static boolean matches(String pattern, String event) throws Exception {
        return FilterPattern.parse(pattern).matches(json(event));
    }

    @Test
    void exactValues_matchStringsNumbersAndAnyElementOfAnArray() throws Exception {
        assertThat(matches("{\"a\": [\"x\", \"y\"]}", "{\"a\": \"y\"}")).isTrue();
        assertThat(matches("{\"a\": [\"x\"]}", "{\"a\": \"z\"}")).isFalse();
        assertThat(matches("{\"n\": [5]}", "{\"n\": 5.0}")).isTrue();
        assertThat(matches("{\"a\": [\"x\"]}", "{\"a\": [\"q\", \"x\"]}")).isTrue();
        assertThat(matches("{\"a\": [\"x\"]}", "{}")).isFalse();
        assertThat(matches("{\"a\": [null]}", "{\"a\": null}")).isTrue();
    }

    @Test
    void nestedKeys_mustAllMatch() throws Exception {
        String pattern = "{\"a\": [\"1\"], \"b\": {\"c\": {\"S\": [\"v\"]}}}";
        assertThat(matches(pattern, "{\"a\": \"1\", \"b\": {\"c\": {\"S\": \"v\"}}}")).isTrue();
        assertThat(matches(pattern, "{\"a\": \"1\", \"b\": {\"c\": {\"S\": \"w\"}}}")).isFalse();
        assertThat(matches(pattern, "{\"a\": \"2\", \"b\": {\"c\": {\"S\": \"v\"}}}")).isFalse();
        assertThat(matches(pattern, "{\"a\": \"1\"}")).isFalse();
    }

    @Test
    void exists_falseMatchesAMissingFieldEvenWhenItsParentIsMissing() throws Exception {
        String absent = "{\"userIdentity\": {\"type\": [{\"exists\": false}]}}";
        assertThat(matches(absent, "{}")).isTrue();
        assertThat(matches(absent, "{\"userIdentity\": {}}")).isTrue();
        assertThat(matches(absent, "{\"userIdentity\": {\"type\": \"Service\"}}")).isFalse();
        assertThat(matches("{\"a\": [{\"exists\": true}]}", "{\"a\": \"\"}")).isTrue();
        assertThat(matches("{\"a\": [{\"exists\": true}]}", "{}")).isFalse();
    }

    @Test
    void prefixSuffixAndAnythingBut() throws Exception {
        assertThat(matches("{\"a\": [{\"prefix\": \"SALES\"}]}", "{\"a\": \"SALES_CONNECT\"}")).isTrue();
        assertThat(matches("{\"a\": [{\"suffix\": \"FORCE\"}]}", "{\"a\": \"SALESFORCE\"}")).isTrue();
        assertThat(matches("{\"a\": [{\"anything-but\": [\"x\", \"y\"]}]}", "{\"a\": \"z\"}")).isTrue();
        assertThat(matches("{\"a\": [{\"anything-but\": \"x\"}]}", "{\"a\": \"x\"}")).isFalse();
    }

    @Test
    void unsupportedOrMalformedPatterns_areRefusedWhenRead() {
        assertThatThrownBy(() -> FilterPattern.parse("{\"a\": [{\"numeric\": [\">\", 1]}]}"))
                .hasMessageContaining("numeric");
        assertThatThrownBy(() -> FilterPattern.parse("{\"a\": \"x\"}")).hasMessageContaining("array");
        assertThatThrownBy(() -> FilterPattern.parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> FilterPattern.parse("{}")).hasMessageContaining("non-empty");
    }

    /** The template's own filters: only Sales Connect writes and user deletions reach the outbound function. */
    @Test
    void templateFilters_passSalesConnectChangesAndUserDeletionsOnly() throws Exception {
        List<String> patterns = SamTemplate.load(TemplateResources.locateTemplate(Path.of("")))
                .function("TaskStreamOutboundFunction").events(FunctionEvent.StreamSource.class).get(0)
                .settings().filterPatterns();
        FilterCriteria criteria = FilterCriteria.parse(patterns);
        assertThat(criteria.accepts(json(record("INSERT", "SALES_CONNECT", false)))).isTrue();
        assertThat(criteria.accepts(json(record("MODIFY", "SALES_CONNECT", false)))).isTrue();
        assertThat(criteria.accepts(json(record("MODIFY", "SALESFORCE", false)))).isFalse();
        assertThat(criteria.accepts(json(record("INSERT", "SALESFORCE", false)))).isFalse();
        assertThat(criteria.accepts(json(record("REMOVE", null, false)))).isTrue();
        assertThat(criteria.accepts(json(record("REMOVE", null, true)))).isFalse();
    }

    /**
     * One write of the sync's own passes: a live task it removed for Salesforce (the function finishes the link if the
     * removal died before it); the same tombstone written again, or any other of its writes, does not.
     */
    @Test
    void templateFilters_passATaskTheSyncRemovedForSalesforce_once() throws Exception {
        FilterCriteria criteria = FilterCriteria.parse(SamTemplate.load(TemplateResources.locateTemplate(Path.of("")))
                .function("TaskStreamOutboundFunction").events(FunctionEvent.StreamSource.class).get(0)
                .settings().filterPatterns());
        String removed = "{\"eventName\": \"MODIFY\", \"dynamodb\": {\"NewImage\": {\"changeOrigin\": {\"S\": "
                + "\"SALESFORCE\"}, \"deletedAt\": {\"S\": \"2026-03-30T00:05:45.909Z\"}}, \"OldImage\": "
                + "{\"changeOrigin\": {\"S\": \"SALESFORCE\"}}}}";
        String again = removed.replace("\"OldImage\": {", "\"OldImage\": {\"deletedAt\": {\"S\": \"2026-03-30Z\"}, ");
        String bySalesConnect = removed.replace("\"S\": \"SALESFORCE\"}, \"deletedAt\"",
                "\"S\": \"SALES_CONNECT\"}, \"deletedAt\"");

        assertThat(criteria.accepts(json(removed))).isTrue();
        assertThat(criteria.accepts(json(again))).isFalse();
        assertThat(criteria.accepts(json(removed.replace("\"MODIFY\"", "\"INSERT\"")))).isFalse();
        assertThat(criteria.accepts(json(bySalesConnect))).isTrue();
    }

    private static String record(String eventName, String origin, boolean ttl) {
        String image = origin == null ? "" : ", \"NewImage\": {\"changeOrigin\": {\"S\": \"" + origin + "\"}}";
        String identity = ttl
                ? ", \"userIdentity\": {\"type\": \"Service\", \"principalId\": \"dynamodb.amazonaws.com\"}"
                : "";
        return "{\"eventName\": \"" + eventName + "\", \"dynamodb\": {\"Keys\": {\"userId\": {\"S\": \"u\"}}" + image
                + "}" + identity + "}";
    }
}
