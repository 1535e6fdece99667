package com.salesconnect.tasksync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.sobject.SObjectRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.salesconnect.tasksync.emulator.EmulatorFixture.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedDataTest {

    private static SeedData twoOrgs() throws IOException {
        try (InputStream in = SeedDataTest.class.getResourceAsStream("/seeds/two-orgs.json")) {
            return SeedData.fromJson(in);
        }
    }

    @Test
    void fromJson_readsTheConnectedAppOrgsUsersTasksAndStatuses() throws IOException {
        SeedData seed = twoOrgs();
        assertThat(seed.connectedApp().clientId()).isEqualTo("seed-client");
        assertThat(seed.connectedApp().redirectUris()).containsExactly("http://localhost:3000/callback");
        assertThat(seed.orgs()).extracting(o -> o.name()).containsExactly("Acme", "Globex");
        assertThat(seed.orgs().get(0).tasks()).hasSize(2);
        assertThat(seed.orgs().get(1).taskStatuses()).extracting(s -> s.value()).containsExactly("Open", "Done");
        assertThat(seed.orgs().get(0).users().get(0).viewAllData()).as("Ada is Acme's admin").isTrue();
        assertThat(seed.orgs().get(1).users().get(0).viewAllData()).as("absent: false").isFalse();
    }

    @Test
    void seededTasksResolveRelativeTimesOnTheEmulatorClock() throws IOException {
        try (EmulatorFixture fx = new EmulatorFixture(c -> c.withSeed(rethrow()))) {
            List<SObjectRecord> tasks = fx.sf.org().tasks();
            assertThat(tasks.get(0).date("ActivityDate")).isEqualTo(LocalDate.of(2026, 11, 25));
            assertThat(tasks.get(1).instant("SystemModstamp")).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
            assertThat(tasks.get(1).bool("IsClosed")).isTrue();
        }
    }

    @Test
    void eachOrgSeesOnlyItsOwnData() throws IOException {
        try (EmulatorFixture fx = new EmulatorFixture(c -> c.withSeed(rethrow()))) {
            String hank = fx.http.form("/services/oauth2/token", TestHttp.form("grant_type", "password",
                    "client_id", "seed-client", "client_secret", "seed-secret", "username", "hank@globex.example",
                    "password", "pw-hank")).json().get("access_token").asText();
            JsonNode globexTasks = fx.http.get(V + "/query?" + TestHttp.query("SELECT Id FROM Task"), hank).json();
            assertThat(globexTasks.get("totalSize").asInt()).isZero();
            String acmeTask = fx.sf.org().tasks().get(0).id();
            assertThat(fx.http.get(V + "/sobjects/Task/" + acmeTask, hank).status()).isEqualTo(404);
            JsonNode statuses = fx.http.get(V + "/query?" + TestHttp.query("SELECT ApiName FROM TaskStatus"), hank).json();
            assertThat(statuses.get("records")).extracting(r -> r.get("ApiName").asText()).containsExactly("Open", "Done");
            assertThat(fx.sf.orgs()).hasSize(2);
            assertThat(fx.sf.org(fx.sf.orgs().get(1).id()).name()).isEqualTo("Globex");
        }
    }

    @Test
    void fromJson_refusesAnIncompleteSeed() {
        String noPassword = "{\"orgs\":[{\"name\":\"x\",\"users\":[{\"username\":\"a@b.c\",\"lastName\":\"A\"}]}]}";
        assertThatThrownBy(() -> SeedData.fromJson(new ByteArrayInputStream(noPassword.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> SeedData.fromJson(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SeedData rethrow() {
        try {
            return twoOrgs();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
