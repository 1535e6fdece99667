package com.salesconnect.tasksync.awsengine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsEnginesTest {

    @Test
    void choice_parsesCaseInsensitively_andDefaultsToAuto() {
        assertThat(AwsEngines.Choice.parse(" Moto ")).isEqualTo(AwsEngines.Choice.MOTO);
        assertThat(AwsEngines.Choice.parse("localstack")).isEqualTo(AwsEngines.Choice.LOCALSTACK);
        assertThat(AwsEngines.Choice.parse("")).isEqualTo(AwsEngines.Choice.AUTO);
        assertThat(AwsEngines.Choice.parse(null)).isEqualTo(AwsEngines.Choice.AUTO);
    }

    @Test
    void unknownChoice_namesThePropertyAndTheValidValues() {
        assertThatThrownBy(() -> AwsEngines.Choice.parse("dynalite"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tasksync.aws.engine")
                .hasMessageContaining("auto, moto or localstack");
    }

    @Test
    void resourceNaming_forTestClass_isValidInEveryResourceName() {
        ResourceNaming naming = ResourceNaming.forTestClass(Inner$Class.class);

        assertThat(naming.apply("TasksTable")).matches("[A-Za-z0-9_-]+").endsWith("-TasksTable");
    }

    static final class Inner$Class {
    }

    @Test
    void installFailure_isReportedByPipsErrorLine_elseByTheLastLine() {
        String pip = "Collecting moto[server]\nerror: externally-managed-environment\n\nhint: See PEP 668\n";

        assertThat(Executables.errorLine(pip)).isEqualTo("error: externally-managed-environment");
        assertThat(Executables.errorLine("Retrying...\nNo matching distribution found for moto\n"))
                .isEqualTo("No matching distribution found for moto");
    }
}
