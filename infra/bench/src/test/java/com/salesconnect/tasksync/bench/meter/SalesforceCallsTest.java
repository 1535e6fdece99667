package com.salesconnect.tasksync.bench.meter;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceCallsTest {

    private static final String BASE = "http://127.0.0.1:8081/services/data/v62.0/";

    @Test
    void restCalls_areNamedByResourceAndMethod_queriesByTheirObject() {
        assertThat(SalesforceCalls.classify("GET", BASE + "query?q=SELECT+Id+FROM+Task+WHERE+OwnerId%3D%27x%27"))
                .isEqualTo("query Task");
        assertThat(SalesforceCalls.classify("GET", BASE + "queryAll?q=SELECT%20Id%20FROM%20Task"))
                .isEqualTo("queryAll Task");
        assertThat(SalesforceCalls.classify("GET", BASE + "query?q=SELECT+Value+FROM+TaskStatus"))
                .isEqualTo("query TaskStatus");
        assertThat(SalesforceCalls.classify("GET", BASE + "query/01gD0000000abcd-2000"))
                .isEqualTo("query (next page)");
        assertThat(SalesforceCalls.classify("POST", BASE + "composite/sobjects")).isEqualTo("composite/sobjects POST");
        assertThat(SalesforceCalls.classify("PATCH", BASE + "composite/sobjects")).isEqualTo("composite/sobjects PATCH");
        assertThat(SalesforceCalls.classify("DELETE", BASE + "composite/sobjects?ids=a,b"))
                .isEqualTo("composite/sobjects DELETE");
        assertThat(SalesforceCalls.classify("GET", BASE + "composite/sobjects/Task?ids=a&fields=Id"))
                .isEqualTo("composite/sobjects/Task GET (retrieve)");
        assertThat(SalesforceCalls.classify("GET", BASE + "sobjects/Task/updated/?start=x&end=y"))
                .isEqualTo("sobjects/Task/updated");
        assertThat(SalesforceCalls.classify("GET", BASE + "sobjects/Task/deleted/?start=x&end=y"))
                .isEqualTo("sobjects/Task/deleted");
        assertThat(SalesforceCalls.classify("PATCH", BASE + "sobjects/Task/00TD0000001abcdEAA"))
                .isEqualTo("sobjects/Task/{id} PATCH");
        assertThat(SalesforceCalls.classify("POST", BASE + "sobjects/Task")).isEqualTo("sobjects/Task POST");
    }

    @Test
    void oauthCalls_areNamedApart_andOtherHosts_areNotSalesforceCalls() {
        assertThat(SalesforceCalls.classify("POST", "http://127.0.0.1:8081/services/oauth2/token"))
                .isEqualTo("oauth token");
        assertThat(SalesforceCalls.classify("GET", "http://localhost:8080/tasks")).isNull();
        assertThat(SalesforceCalls.classify("GET", "http://127.0.0.1:8081/_emulator/orgs/x/usage")).isNull();
    }

    @Test
    void theHttpClientsRequestLines_areCounted_responseLinesAreNot() {
        SalesforceCalls calls = new SalesforceCalls();
        calls.publish(new LogRecord(Level.INFO, "REQUEST: " + BASE + "composite/sobjects POST"));
        calls.publish(new LogRecord(Level.INFO, "REQUEST: " + BASE + "composite/sobjects POST"));
        calls.publish(new LogRecord(Level.INFO, "RESPONSE: (POST " + BASE + "composite/sobjects) 200 HTTP_1_1"));
        calls.publish(new LogRecord(Level.INFO, "REQUEST: http://localhost:8080/tasks GET"));
        assertThat(calls.snapshot()).containsExactly(java.util.Map.entry("composite/sobjects POST", 2L));
    }
}
