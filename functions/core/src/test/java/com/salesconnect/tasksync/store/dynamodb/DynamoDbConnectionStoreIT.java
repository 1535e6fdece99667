package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.store.WriteConflictException;
import org.junit.jupiter.api.Test;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.sf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class DynamoDbConnectionStoreIT {

    private final DynamoDbConnectionStore store;
    private final String user = Fixtures.unique("user");
    private final String org = Fixtures.uniqueOrg();

    DynamoDbConnectionStoreIT(AwsResources aws) {
        this.store = new DynamoDbConnectionStore(aws.dynamoDb(), aws.tableName("SyncTable"));
    }

    private static SalesforceConnection withVersion(SalesforceConnection c, long version) {
        return new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(), c.instanceUrl(),
                c.encryptedRefreshToken(), c.state(), c.connectedAt(), c.brokenReason(), version);
    }

    @Test
    void save_storesTheConnectionAndRoutesTheOwnerToTheUser() {
        SalesforceConnection saved = store.save(Fixtures.connection(user, org, sf("005A")));

        assertThat(saved.version()).isEqualTo(1);
        assertThat(store.get(UserId.of(user))).contains(saved);
        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A")))).contains(user);
        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005B")))).isEmpty();
        assertThat(store.userForOwner(OrgId.of(Fixtures.uniqueOrg()), SalesforceId.of(sf("005A")))).isEmpty();
    }

    @Test
    void twoWritersOfOneVersion_theLoserGetsWriteConflict_andTheWinnersConnectionIsStored() {
        SalesforceConnection read = store.save(Fixtures.connection(user, org, sf("005A")));
        SalesforceConnection rotated = new SalesforceConnection(user, org, sf("005A"), read.instanceUrl(),
                "bmV3LXRva2Vu", ConnectionState.CONNECTED, read.connectedAt(), null, read.version());
        SalesforceConnection broken = new SalesforceConnection(user, org, sf("005A"), read.instanceUrl(),
                read.encryptedRefreshToken(), ConnectionState.BROKEN, read.connectedAt(), "refresh refused",
                read.version());

        SalesforceConnection winner = store.save(rotated);

        assertThatThrownBy(() -> store.save(broken)).isInstanceOf(WriteConflictException.class);
        assertThat(store.get(UserId.of(user))).contains(winner);
    }

    @Test
    void crashAfterTheRoutingStep_retryConverges() {
        SalesforceConnection connection = Fixtures.connection(user, org, sf("005A"));
        store.writeRouting(withVersion(connection, 1));

        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A"))))
                .as("routing not confirmed by a connection yet").isEmpty();

        SalesforceConnection saved = store.save(connection);

        assertThat(store.get(UserId.of(user))).contains(saved);
        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A")))).contains(user);
    }

    @Test
    void crashAfterTheConnectionStep_retryConverges() {
        SalesforceConnection connection = Fixtures.connection(user, org, sf("005A"));
        SalesforceConnection stored = withVersion(connection, 1);
        store.writeRouting(stored);
        store.writeConnection(stored, 0);

        SalesforceConnection retried = store.save(connection);

        assertThat(retried).isEqualTo(stored);
        assertThat(store.get(UserId.of(user))).contains(stored);
        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A")))).contains(user);
    }

    @Test
    void reconnectingAsAnotherSalesforceUser_movesTheRouting() {
        SalesforceConnection first = store.save(Fixtures.connection(user, org, sf("005A")));

        store.save(new SalesforceConnection(user, org, sf("005B"), first.instanceUrl(), first.encryptedRefreshToken(),
                ConnectionState.CONNECTED, first.connectedAt(), null, first.version()));

        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005B")))).contains(user);
        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A")))).isEmpty();
    }

    @Test
    void ownerClaimedByASecondUser_routesToTheLatest_andTheFirstUsersLaterSaveDoesNotStealItBack() {
        String other = Fixtures.unique("user");
        SalesforceConnection mine = store.save(Fixtures.connection(user, org, sf("005A")));
        store.save(Fixtures.connection(other, org, sf("005A")));

        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A")))).contains(other);

        store.save(new SalesforceConnection(user, org, sf("005C"), mine.instanceUrl(), mine.encryptedRefreshToken(),
                ConnectionState.CONNECTED, mine.connectedAt(), null, mine.version()));

        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005A"))))
                .as("user's move must not delete the other user's routing")
                .contains(other);
        assertThat(store.userForOwner(OrgId.of(org), SalesforceId.of(sf("005C")))).contains(user);
    }
}
