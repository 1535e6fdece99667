package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.runtime.LogFields;
import com.salesconnect.tasksync.salesforce.ChangeEvent;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.testing.FakeSalesforce;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids every log line carries as fields while the sync works for one user or one org (issue 13: an operator
 * filters a user's sweep or an org's messages by field, not by searching message text), and nothing left after.
 */
class WorkLogFieldsTest {

    private final SyncFixture fx = new SyncFixture();
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void aliceSyncs() {
        fx.aliceEnabled();
        fx.sweep(ALICE);
    }

    /** Notes the given field as it is during the next Salesforce call of that operation. */
    private void noteDuring(String operation, String field) {
        fx.salesforce.afterNext(operation, () -> seen.add(field + "=" + MDC.get(field)));
    }

    @Test
    void aUsersSweep_carriesTheUsersId() {
        fx.clock.advance(Duration.ofMinutes(5));
        noteDuring("getUpdated", LogFields.USER_ID);

        fx.sweep(ALICE);

        assertThat(seen).containsExactly("userId=" + ALICE);
        assertThat(MDC.get(LogFields.USER_ID)).isNull();
    }

    @Test
    void anOutboundMessage_carriesItsOrgsId() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        noteDuring("queryAll", LogFields.ORG_ID); // a notification lacking its Status is read

        fx.deliver(fx.salesforce.message(fx.salesforce.notificationFor(sf.id(),
                Set.of("OwnerId", "SystemModstamp", "LastModifiedDate", "Subject"))));

        assertThat(seen).containsExactly("orgId=" + FakeSalesforce.ORG_ID);
        assertThat(MDC.get(LogFields.ORG_ID)).isNull();
    }

    @Test
    void aChangeEvent_carriesItsOrgsId() {
        SfTask sf = fx.salesforce.userCreates(ALICE_SF, "Call Bob");
        noteDuring("queryAll", LogFields.ORG_ID);

        new ChangeEventSync(fx.stores, fx.orgs, fx.clock).apply(new ChangeEvent(FakeSalesforce.ORG_ID,
                "0YL5g000000CdcEGAS", "ev-1", ChangeEvent.ChangeType.CREATE, List.of(sf.id()), false, List.of(),
                sf.systemModstamp(), 1L, "tx", 1L, "", ALICE_SF, ALICE_SF));

        assertThat(seen).containsExactly("orgId=" + FakeSalesforce.ORG_ID);
        assertThat(MDC.get(LogFields.ORG_ID)).isNull();
        assertThat(fx.orgLimits.changeEvents(OrgId.of(FakeSalesforce.ORG_ID)).lastEventAt()).isNotNull();
    }
}
