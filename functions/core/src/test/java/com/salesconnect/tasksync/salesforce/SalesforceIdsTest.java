package com.salesconnect.tasksync.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesforceIdsTest {

    @Test
    void to18_addsSalesforcesCaseSafeSuffix() {
        assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.to18("001A0000006Vm9rIAC")).isEqualTo("001A0000006Vm9rIAC");
    }

    @Test
    void importedTaskId_isDeterministic_andRecognisable() {
        String id = SalesforceIds.importedTaskId("00T5g0000000001");

        assertThat(id).isEqualTo(SalesforceIds.importedTaskId(SalesforceIds.to18("00T5g0000000001")));
        assertThat(SalesforceIds.sfIdOfImported(id)).isEqualTo(SalesforceIds.to18("00T5g0000000001"));
        assertThat(SalesforceIds.sfIdOfImported("task-1")).isNull();
    }

    @Test
    void same_compares15And18CharacterForms() {
        assertThat(SalesforceIds.same("001A0000006Vm9r", "001A0000006Vm9rIAC")).isTrue();
        assertThat(SalesforceIds.same("001A0000006Vm9r", "001A0000006VM9R")).isFalse();
        assertThat(SalesforceIds.same(null, "001A0000006Vm9r")).isFalse();
    }

    @Test
    void notAnId_isRefused() {
        assertThatThrownBy(() -> SalesforceIds.to18("00T' OR Id != '")).isInstanceOf(IllegalArgumentException.class);
    }
}
