package com.salesconnect.tasksync.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Intrinsics intrinsics = new Intrinsics(
            Map.of("SalesforceApiVersion", "v62.0"),
            Map.of("AWS::Region", "us-east-1", "AWS::StackName", "tasksync-local"),
            id -> id.equals("TasksTable") ? Optional.of("TasksTable") : Optional.empty(),
            (id, attribute) -> id.equals("TokenKey") && attribute.equals("Arn")
                    ? Optional.of("arn:aws:kms:us-east-1:123456789012:key/k") : Optional.empty());

    private String resolve(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return intrinsics.resolve(node);
    }

    @Test
    void resolvesLiteralsParametersResourcesAndAttributes() throws Exception {
        assertThat(resolve("\"plain\"")).isEqualTo("plain");
        assertThat(resolve("{\"Ref\": \"SalesforceApiVersion\"}")).isEqualTo("v62.0");
        assertThat(resolve("{\"Ref\": \"TasksTable\"}")).isEqualTo("TasksTable");
        assertThat(resolve("{\"Fn::GetAtt\": [\"TokenKey\", \"Arn\"]}"))
                .isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k");
    }

    @Test
    void sub_replacesPseudoParametersAttributesAndLeavesEscapedOnes() throws Exception {
        assertThat(resolve("{\"Fn::Sub\": \"${AWS::StackName}-sync in ${AWS::Region} ${TokenKey.Arn} ${!Literal}\"}"))
                .isEqualTo("tasksync-local-sync in us-east-1 arn:aws:kms:us-east-1:123456789012:key/k ${Literal}");
    }

    @Test
    void unknownReferencesAndUnsupportedFunctions_failNamingThem() {
        assertThatThrownBy(() -> resolve("{\"Ref\": \"HttpApi\"}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("HttpApi");
        assertThatThrownBy(() -> resolve("{\"Fn::If\": [\"C\", \"a\", \"b\"]}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Fn::If");
        assertThatThrownBy(() -> resolve("{\"Fn::GetAtt\": [\"TasksTable\", \"StreamArn\"]}"))
                .hasMessageContaining("TasksTable.StreamArn");
    }
}
