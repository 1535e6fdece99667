package com.salesconnect.tasksync.salesforce;

import com.salesconnect.tasksync.salesforce.Fakes.FakeOrgLimitStore;
import com.salesconnect.tasksync.salesforce.Fakes.RecordingSleeper;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.salesconnect.tasksync.salesforce.TestSupport.ORG_ID;
import static com.salesconnect.tasksync.salesforce.TestSupport.SF_USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingApiFactoryTest {

    static final Instant NOW = Instant.parse("2024-06-15T12:00:00Z");
    static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

    final SalesforceHttp http = TestSupport.http(new MutableClock(NOW), new RecordingSleeper());
    final List<String> opens = new ArrayList<>();
    final CachingApiFactory factory = new CachingApiFactory(http, new FakeOrgLimitStore(),
            () -> new IllegalStateException("broken")) {
        @Override
        HttpSalesforceApi open(SalesforceConnection connection) {
            opens.add(connection.userId() + "@" + connection.orgId() + "/" + connection.sfUserId());
            return new HttpSalesforceApi(http, new TestSupport.ScriptedSession(INSTANCE), "62.0");
        }
    };

    static SalesforceConnection connection(String userId, String orgId, String sfUserId, ConnectionState state) {
        return new SalesforceConnection(userId, orgId, sfUserId, INSTANCE.toString(), "encrypted", state, NOW,
                null, 0);
    }

    static SalesforceConnection connection(String userId, String orgId, String sfUserId) {
        return connection(userId, orgId, sfUserId, ConnectionState.CONNECTED);
    }

    @Test
    void theSameAccount_isOpenedOnce_andGuardedPerCall() {
        SalesforceApi first = factory.forConnection(connection("user-1", ORG_ID, SF_USER_ID));
        SalesforceApi second = factory.forConnection(connection("user-1", ORG_ID, SF_USER_ID));

        assertThat(opens).containsExactly("user-1@" + ORG_ID + "/" + SF_USER_ID);
        assertThat(first).isInstanceOf(OrgLimitGuard.class).isNotSameAs(second);
    }

    @Test
    void anotherOrgOrSalesforceUser_forTheSameUser_opensAFreshApi() {
        factory.forConnection(connection("user-1", ORG_ID, SF_USER_ID));
        factory.forConnection(connection("user-1", "00Dxx0000002OTHER", SF_USER_ID));
        factory.forConnection(connection("user-1", "00Dxx0000002OTHER", "005xx000002OTHER"));

        assertThat(opens).hasSize(3);
    }

    @Test
    void aBrokenConnection_getsTheSubclassFailure_andNothingIsOpened() {
        assertThatThrownBy(() -> factory.forConnection(connection("user-1", ORG_ID, SF_USER_ID,
                ConnectionState.BROKEN))).isInstanceOf(IllegalStateException.class).hasMessage("broken");
        assertThat(opens).isEmpty();
    }

    @Test
    void beyondTheLimit_theLeastRecentlyUsedIsDropped_andReopenedOnItsNextUse() {
        for (int i = 0; i < CachingApiFactory.MAX_SESSIONS; i++) {
            factory.forConnection(connection("user-" + i, ORG_ID, SF_USER_ID));
        }
        factory.forConnection(connection("user-0", ORG_ID, SF_USER_ID));
        factory.forConnection(connection("user-new", ORG_ID, SF_USER_ID));
        opens.clear();

        factory.forConnection(connection("user-0", ORG_ID, SF_USER_ID));
        factory.forConnection(connection("user-1", ORG_ID, SF_USER_ID));

        assertThat(opens).containsExactly("user-1@" + ORG_ID + "/" + SF_USER_ID);
    }
}
