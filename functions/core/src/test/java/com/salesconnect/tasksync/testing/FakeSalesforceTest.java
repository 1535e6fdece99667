package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.salesforce.SalesforceUnavailableException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.sync.TaskQuery;
import com.salesconnect.tasksync.task.SfTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeSalesforceTest {

    private static final String OWNER = SyncFixture.ALICE_SF;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T09:00:00.250Z"));
    private final FakeSalesforce org = new FakeSalesforce(clock);
    private final SalesforceApi api = org.as(OWNER);

    @Test
    void create_validatesLikeSalesforce_perRecord() {
        List<SaveResult> results = api.create(List.of(
                new SfWrite("ok", null, Map.of("Subject", "fine")),
                new SfWrite("long", null, Map.of("Subject", "s".repeat(256))),
                new SfWrite("status", null, Map.of("Subject", "x", "Status", "Nope"))));

        assertThat(results.get(0)).isInstanceOf(SaveResult.Saved.class);
        assertThat(((SaveResult.Failed) results.get(1)).hasCode("STRING_TOO_LONG")).isTrue();
        assertThat(((SaveResult.Failed) results.get(2)).hasCode("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")).isTrue();
        SfTask created = org.get(((SaveResult.Saved) results.get(0)).id());
        assertThat(created.ownerId()).isEqualTo(OWNER);
        assertThat(created.status()).isEqualTo("Not Started");
        assertThat(created.systemModstamp()).isEqualTo(Instant.parse("2026-03-10T09:00:00Z"));
    }

    @Test
    void update_refusesTaskSubtype_andDeletedRecords() {
        SfTask t = org.userCreates(OWNER, "x");
        SfTask gone = org.userDeletes(org.userCreates(OWNER, "gone").id());

        List<SaveResult> r = api.update(List.of(new SfWrite("a", t.id(), Map.of("TaskSubtype", "Call")),
                new SfWrite("b", gone.id(), Map.of("Subject", "y"))));

        assertThat(((SaveResult.Failed) r.get(0)).hasCode("INVALID_FIELD_FOR_INSERT_UPDATE")).isTrue();
        assertThat(((SaveResult.Failed) r.get(1)).hasCode("ENTITY_IS_DELETED")).isTrue();
    }

    @Test
    void userEdits_moveLastModifiedAndModstamp_systemTouchOnlyTheModstamp() {
        SfTask t = org.userCreates(OWNER, "x");
        clock.advance(Duration.ofMinutes(1));
        SfTask edited = org.userEdits(t.id(), Map.of("Subject", "y"));
        clock.advance(Duration.ofMinutes(1));
        SfTask touched = org.systemTouch(t.id());

        assertThat(edited.lastModifiedDate()).isAfter(t.lastModifiedDate());
        assertThat(touched.lastModifiedDate()).isEqualTo(edited.lastModifiedDate());
        assertThat(touched.systemModstamp()).isAfter(edited.systemModstamp());
    }

    @Test
    void queryAll_returnsDeletedRows_query_doesNot_andTheRecycleBinEmptiesAfter15Days() {
        SfTask t = org.userCreates(OWNER, "x");
        org.userDeletes(t.id());
        TaskQuery byId = new TaskQuery.ByIds(List.of(t.id()));

        assertThat(api.queryAll(byId.soql()).records()).singleElement().extracting(SfTask::deleted).isEqualTo(true);
        assertThat(api.query(byId.soql()).records()).isEmpty();
        assertThat(api.getDeleted(clock.instant().minus(Duration.ofDays(1)), clock.instant()).deletedRecords())
                .hasSize(1);
        clock.advance(Duration.ofDays(16));
        assertThat(api.queryAll(byId.soql()).records()).isEmpty();
        assertThat(api.getDeleted(clock.instant().minus(Duration.ofDays(20)), clock.instant()).deletedRecords())
                .isEmpty();
    }

    @Test
    void queriesThatAreNotTheSyncsShapes_areRefused() {
        assertThatThrownBy(() -> api.query(Soql.of("SELECT Id FROM Task")))
                .isInstanceOf(SalesforceRequestException.class).hasMessageContaining("MALFORMED_QUERY");
    }

    @Test
    void collectionCalls_takeAtMost200Records() {
        List<SfWrite> tooMany = Collections.nCopies(201, new SfWrite("r", null, Map.of("Subject", "x")));

        assertThatThrownBy(() -> api.create(tooMany)).isInstanceOf(SalesforceRequestException.class)
                .hasMessageContaining("EXCEEDED_ID_LIMIT");
    }

    @Test
    void deletes_takeAThousandIdsACall_asTheClientSendsThem() {
        List<SalesforceId> thousand = Collections.nCopies(1000, SalesforceId.of("00T000000000001AAA"));
        List<SalesforceId> more = Collections.nCopies(1001, SalesforceId.of("00T000000000001AAA"));

        assertThat(api.delete(thousand)).hasSize(1000);
        assertThatThrownBy(() -> api.delete(more)).isInstanceOf(SalesforceRequestException.class)
                .hasMessageContaining("EXCEEDED_ID_LIMIT");
    }

    @Test
    void switchableFailures_andLostResponses() {
        org.fail(FakeSalesforce.Failure.UNAVAILABLE, "create", 1);
        assertThatThrownBy(() -> api.create(List.of(new SfWrite("r", null, Map.of("Subject", "x")))))
                .isInstanceOf(SalesforceUnavailableException.class);
        assertThat(org.liveTasks()).isEmpty();

        org.loseNextResponse("create");
        assertThatThrownBy(() -> api.create(List.of(new SfWrite("r", null, Map.of("Subject", "x")))))
                .isInstanceOf(SalesforceUnavailableException.class);
        assertThat(org.liveTasks()).hasSize(1);
        assertThat(org.calls("create")).hasSize(2);
    }
}
