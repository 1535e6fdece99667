package com.salesconnect.tasksync.bench;

import com.salesconnect.tasksync.bench.meter.MeterSnapshot;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpanTest {

    private static Span span(Map<String, Long> kinds, Map<String, Long> usage) {
        return new Span(1.0, MeterSnapshot.EMPTY, new TreeMap<>(kinds), usage, Map.of(), Map.of());
    }

    @Test
    void kindsThatAddUpToTheMeasuredOrgsCountersAreListedAsTheyAre() {
        Span span = span(Map.of("composite POST", 1L, "oauth token", 3L), Map.of("00Dorg1", 1L));

        assertEquals("composite POST 1", span.topSalesforce(3));
    }

    @Test
    void kindsThatIncludeAnotherOrgsCallsSaySo() {
        // The idle tick of 500 users: the idle org's counter says 1, the client saw the CDC org's hourly probe too.
        Span span = span(Map.of("composite POST", 2L), Map.of("00Didle", 1L));

        assertEquals("every org's calls (2; the measured org counted 1): composite POST 2", span.topSalesforce(3));
    }

    @Test
    void noCallsAtAll() {
        assertEquals("no Salesforce calls", span(Map.of("oauth token", 1L), Map.of("00Didle", 0L)).topSalesforce(3));
    }
}
