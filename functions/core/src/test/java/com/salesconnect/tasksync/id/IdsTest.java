package com.salesconnect.tasksync.id;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

    @Test
    void salesConnectIds_takeAnyNonBlankText_andPrintAsTheirValue() {
        assertThat(UserId.of("user-alice").toString()).isEqualTo("user-alice");
        assertThat(TaskId.of("t-1").value()).isEqualTo("t-1");
        assertThat(UserId.of("u1")).isEqualTo(new UserId("u1"));
    }

    @Test
    void salesConnectIds_refuseNullAndBlank() {
        assertThatThrownBy(() -> UserId.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id is missing");
        assertThatThrownBy(() -> UserId.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id is blank");
        assertThatThrownBy(() -> TaskId.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task id is blank");
    }

    @Test
    void salesforceId_completesA15CharacterIdWithTheCaseSafeSuffix() {
        assertThat(SalesforceId.of("001A0000006Vm9r").value()).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceId.of("001A0000006Vm9rIAC").value()).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceId.of("001A0000006Vm9r")).isEqualTo(SalesforceId.of("001A0000006Vm9rIAC"));
        assertThat(SalesforceId.of("001A0000006Vm9r")).isNotEqualTo(SalesforceId.of("001A0000006VM9R"));
        assertThat(SalesforceId.of("001A0000006Vm9r").to15()).isEqualTo("001A0000006Vm9r");
    }

    @Test
    void salesforceId_refusesWhatIsNotAnId() {
        assertThatThrownBy(() -> SalesforceId.of("00T' OR Id != '")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Salesforce id");
        assertThatThrownBy(() -> SalesforceId.of("005A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SalesforceId.of("001A0000006Vm9rIA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SalesforceId.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orgId_followsTheSalesforceIdRules() {
        assertThat(OrgId.of("00D5g00000ORG01").value()).isEqualTo("00D5g00000ORG01EAH");
        assertThat(OrgId.of("00D5g00000ORG01EAH")).isEqualTo(OrgId.of("00D5g00000ORG01"));
        assertThatThrownBy(() -> OrgId.of("00D1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Salesforce org id");
        assertThatThrownBy(() -> OrgId.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void importedTaskId_isDeterministic_andNamesItsSalesforceId() {
        TaskId imported = TaskId.importedFrom(SalesforceId.of("00T5g0000000001"));

        assertThat(imported).isEqualTo(TaskId.importedFrom(SalesforceId.of("00T5g0000000001EAA")));
        assertThat(imported.value()).isEqualTo("sf-00T5g0000000001EAA");
        assertThat(imported.importedSfId()).contains(SalesforceId.of("00T5g0000000001EAA"));
        assertThat(TaskId.of("task-1").importedSfId()).isEmpty();
        assertThat(TaskId.of("sf-00T5g0000000001").importedSfId()).as("only the 18-character form").isEmpty();
    }

    @Test
    void differentKindsOfId_areNeverEqual() {
        assertThat((Object) UserId.of("x")).isNotEqualTo(TaskId.of("x"));
        assertThat((Object) OrgId.of("00D5g00000ORG01")).isNotEqualTo(SalesforceId.of("00D5g00000ORG01"));
    }
}
