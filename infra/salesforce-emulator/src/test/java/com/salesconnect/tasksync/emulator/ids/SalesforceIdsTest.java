package com.salesconnect.tasksync.emulator.ids;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesforceIdsTest {

    @ParameterizedTest
    @CsvSource({
            "001A0000006Vm9r, 001A0000006Vm9rIAC",
            "a0D30000001n7Pi, a0D30000001n7PiEAI",
            "000000000000000, 000000000000000AAA",
            "AAAAAAAAAAAAAAA, AAAAAAAAAAAAAAA555",
            "00T5g00000zzzzZ, 00T5g00000zzzzZEAQ"})
    void toCaseSafe_appendsTheSuffixSalesforceComputes(String id15, String id18) {
        assertThat(SalesforceIds.toCaseSafe(id15)).isEqualTo(id18);
    }

    @Test
    void normalize_turnsA15CharacterIdIntoIts18CharacterForm() {
        assertThat(SalesforceIds.normalize("001A0000006Vm9r")).contains("001A0000006Vm9rIAC");
    }

    @Test
    void normalize_restoresTheCaseOfAnAllLowerCase18CharacterId() {
        assertThat(SalesforceIds.normalize("001a0000006vm9riac")).contains("001A0000006Vm9rIAC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "001A0000006Vm9", "001A0000006Vm9rIA", "001A0000006Vm9r'OR'", "001A0000006Vm9r!AC",
            "001A0000006Vm9rIAC1", "0010000000000009AA"})
    void normalize_rejectsAnythingThatIsNotAWellFormedId(String bad) {
        assertThat(SalesforceIds.normalize(bad)).isEmpty();
    }

    @Test
    void toCaseSafe_refusesAnIdOfTheWrongLength() {
        assertThatThrownBy(() -> SalesforceIds.toCaseSafe("001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generator_mintsUniqueValid18CharacterIdsWithTheKeyPrefix() {
        IdGenerator ids = new IdGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String id = ids.next(KeyPrefix.TASK);
            assertThat(id).hasSize(18).startsWith("00T");
            assertThat(SalesforceIds.normalize(id)).contains(id);
            assertThat(SalesforceIds.normalize(id.substring(0, 15))).contains(id);
            assertThat(seen.add(id.substring(0, 15))).isTrue();
        }
    }

    @Test
    void generator_isRepeatableSoSeededIdsAreStable() {
        assertThat(new IdGenerator().next(KeyPrefix.USER)).isEqualTo(new IdGenerator().next(KeyPrefix.USER));
    }
}
