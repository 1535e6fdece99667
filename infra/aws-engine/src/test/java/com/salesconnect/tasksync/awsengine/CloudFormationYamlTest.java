package com.salesconnect.tasksync.awsengine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFormationYamlTest {

    private static JsonNode read(String yaml) throws Exception {
        return CloudFormationYaml.read(new StringReader(yaml));
    }

    @Test
    void ref_becomesLongForm() throws Exception {
        assertThat(read("v: !Ref TasksTable").path("v").toString()).isEqualTo("{\"Ref\":\"TasksTable\"}");
    }

    @Test
    void getAttScalar_isSplitIntoResourceAndAttribute() throws Exception {
        assertThat(read("v: !GetAtt Queue.Arn").path("v").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]}");
    }

    @Test
    void taggedSequencesAndNestedTags_keepTheirStructure() throws Exception {
        assertThat(read("v: !Select [0, !GetAZs '']").path("v").toString())
                .isEqualTo("{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}");
    }

    @Test
    void plainValuesAndYamlOwnTags_areUntouched() throws Exception {
        JsonNode node = read("a: text\nb: 3\nc: true\nd: !!str 5\ne: null\n");

        assertThat(node.path("a").asText()).isEqualTo("text");
        assertThat(node.path("b").asInt()).isEqualTo(3);
        assertThat(node.path("b").isIntegralNumber()).as("integers stay integers (JSON schema type integer)").isTrue();
        assertThat(node.path("c").asBoolean()).isTrue();
        assertThat(node.path("d").asText()).isEqualTo("5");
        assertThat(node.path("e").isNull()).isTrue();
    }
}
