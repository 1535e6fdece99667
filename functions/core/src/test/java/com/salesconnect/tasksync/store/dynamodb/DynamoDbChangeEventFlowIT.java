package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.store.ChangeEventFlow;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The change event flow mark (ORG#{o}/CHANGE_EVENTS) and the org's users for change events, on the real engine. */
@AwsEngineTest
class DynamoDbChangeEventFlowIT {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final DynamoDbOrgLimitStore limits;
    private final DynamoDbConnectionStore connections;
    private final String org = Fixtures.uniqueOrg();

    DynamoDbChangeEventFlowIT(AwsResources aws) {
        this.limits = new DynamoDbOrgLimitStore(aws.dynamoDb(), aws.tableName("SyncTable"), new MutableClock(T0));
        this.connections = new DynamoDbConnectionStore(aws.dynamoDb(), aws.tableName("SyncTable"));
    }

    @Test
    void changeEvents_seenThenGap_thenSeenAgain() {
        assertThat(limits.changeEvents(OrgId.of(org))).isEqualTo(ChangeEventFlow.NONE);

        limits.changeEventSeen(OrgId.of(org), T0);
        assertThat(limits.changeEvents(OrgId.of(org))).isEqualTo(new ChangeEventFlow(T0, null));
        assertThat(limits.changeEvents(OrgId.of(org)).flowing(T0.plusSeconds(60), Duration.ofHours(1))).isTrue();

        limits.changeEventGap(OrgId.of(org), T0.plusSeconds(10));
        assertThat(limits.changeEvents(OrgId.of(org))).isEqualTo(new ChangeEventFlow(T0, T0.plusSeconds(10)));
        assertThat(limits.changeEvents(OrgId.of(org)).flowing(T0.plusSeconds(60), Duration.ofHours(1))).isFalse();

        limits.changeEventSeen(OrgId.of(org), T0.plusSeconds(20));
        assertThat(limits.changeEvents(OrgId.of(org)).flowing(T0.plusSeconds(60), Duration.ofHours(1))).isTrue();
        assertThat(limits.blockedUntil(OrgId.of(org))).as("the limit item beside it is untouched").isEmpty();
    }

    @Test
    void usersInOrg_listsTheUsersConnectedToTheOrg_only() {
        String ann = Fixtures.unique("user");
        String bob = Fixtures.unique("user");
        connections.save(Fixtures.connection(ann, org, "005A"));
        connections.save(Fixtures.connection(bob, org, "005B"));
        connections.save(Fixtures.connection(Fixtures.unique("user"), Fixtures.uniqueOrg(), "005A"));

        assertThat(connections.usersInOrg(OrgId.of(org), 5)).containsExactlyInAnyOrder(ann, bob);
        assertThat(connections.usersInOrg(OrgId.of(org), 1)).hasSize(1);
        assertThat(connections.usersInOrg(OrgId.of(Fixtures.uniqueOrg()), 5)).isEmpty();
    }
}
