package com.salesconnect.tasksync.bench.phase;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CopiedUsersTest {

    private static final Map<String, Set<String>> TEMPLATE = Map.of(
            "CONFIG#USER#/SETTINGS", Set.of("pk", "sk", "enabled", "watermark"),
            "CONFIG#USER#/ACCESS_TOKEN", Set.of("pk", "sk", "token"),
            "USER#/PUSH-SET", Set.of("pk", "sk", "checked"));

    /** The template's shared session comes from its first sync's calls; a copy served by the org's probe has none. */
    @Test
    void aCopyWithoutTheSessionItsTemplateStoredByUse_isStoredAsTheTemplate() {
        Map<String, Set<String>> copy = Map.of(
                "CONFIG#USER#/SETTINGS", Set.of("pk", "sk", "enabled", "watermark"),
                "USER#/PUSH-SET", Set.of("pk", "sk", "checked"));

        assertThat(CopiedUsers.differences(TEMPLATE, copy)).isEmpty();
    }

    @Test
    void aMissingItem_anExtraItem_andDifferentAttributes_areEachNamed() {
        Map<String, Set<String>> copy = Map.of(
                "CONFIG#USER#/SETTINGS", Set.of("pk", "sk", "enabled", "identity"),
                "USER#/LINK#t1", Set.of("pk", "sk"));

        assertThat(CopiedUsers.differences(TEMPLATE, copy)).containsExactly(
                "CONFIG#USER#/SETTINGS attributes: template only [watermark], copy only [identity]",
                "USER#/LINK#t1 only in the copy",
                "USER#/PUSH-SET only in the template");
    }
}
