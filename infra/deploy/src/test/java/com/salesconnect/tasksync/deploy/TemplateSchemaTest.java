package com.salesconnect.tasksync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** template.yaml against the official AWS SAM schema (a copy in ../shared/reference, next to the repository). */
class TemplateSchemaTest {

    /** Relative to the repository root, as the brief of issue 4 places it. */
    static final Path SCHEMA = Path.of("..", "shared", "reference", "sam-schema", "sam.schema.json");

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = Template.repositoryRoot().resolve(SCHEMA).normalize();
        assertThat(file).as("the SAM schema next to the repository").isRegularFile();
        JsonNode node = new ObjectMapper().readTree(Files.readString(file));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
    }

    @Test
    void templateYaml_validatesAgainstTheSamSchema() {
        Set<ValidationMessage> errors = schema.validate(Template.tree());

        assertThat(errors).isEmpty();
    }

    @Test
    void theValidation_catchesAMistakeInAFunction() {
        ObjectNode broken = (ObjectNode) Template.tree();
        ((ObjectNode) broken.path("Resources").path("EnableSyncFunction").path("Properties"))
                .put("Timeoutt", 30).put("MemorySize", "a lot");

        Set<ValidationMessage> errors = schema.validate(broken);

        assertThat(errors).isNotEmpty();
        assertThat(errors.toString()).contains("EnableSyncFunction");
    }
}
