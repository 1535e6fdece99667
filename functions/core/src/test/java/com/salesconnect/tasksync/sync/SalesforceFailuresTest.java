package com.salesconnect.tasksync.sync;

import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.runtime.Deadline;
import com.salesconnect.tasksync.salesforce.ConnectionBrokenException;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.testing.SyncFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.salesconnect.tasksync.testing.SyncFixture.ALICE;
import static com.salesconnect.tasksync.testing.SyncFixture.ALICE_SF;
import static org.assertj.core.api.Assertions.assertThat;

class SalesforceFailuresTest {

    private final SyncFixture fx = new SyncFixture();
    private final SalesforceFailures failures = new SalesforceFailures(fx.orgLimits, fx.connections, fx.clock);

    private SyncUser userAsReadNow() {
        return new SyncUsers(fx.stores, fx.orgs, new TaskStatusCache(fx.clock), Deadline.NONE)
                .get(ALICE).orElseThrow();
    }

    @Test
    void aRefusedLogin_marksThatConnectionBroken() {
        fx.aliceEnabled();

        failures.handle(userAsReadNow(), new ConnectionBrokenException("invalid_grant", null));

        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().state()).isEqualTo(ConnectionState.BROKEN);
    }

    @Test
    void aRefusedLogin_racingAReconnect_leavesTheNewConnectionAlone() {
        fx.aliceEnabled();
        SyncUser readBeforeTheReconnect = userAsReadNow();
        fx.clock.advance(Duration.ofSeconds(5));
        SalesforceConnection fresh = fx.reconnect(ALICE, fx.salesforce, ALICE_SF);

        failures.handle(readBeforeTheReconnect, new ConnectionBrokenException("invalid_grant", null));

        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(fx.connections.get(UserId.of(ALICE)).orElseThrow().connectedAt()).isEqualTo(fresh.connectedAt());
    }
}
