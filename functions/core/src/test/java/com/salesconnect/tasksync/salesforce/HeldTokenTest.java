package com.salesconnect.tasksync.salesforce;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldTokenTest {

    static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");

    final HeldToken held = new HeldToken();
    final Deque<AccessToken> supply = new ArrayDeque<>(List.of(token("t1"), token("t2"), token("t3")));
    int supplied;

    static AccessToken token(String value) {
        return new AccessToken(value, INSTANCE);
    }

    AccessToken next() {
        supplied++;
        return supply.pop();
    }

    @Test
    void theFirstToken_isObtainedOnce_andHandedOutAfterwards() {
        AccessToken first = held.get(this::next);

        assertThat(held.get(this::next)).isSameAs(first);
        assertThat(first.value()).isEqualTo("t1");
        assertThat(supplied).isEqualTo(1);
    }

    @Test
    void aRejectedToken_isRenewed_andTheRenewedOneHandedOut() {
        AccessToken rejected = held.get(this::next);

        AccessToken renewed = held.renew(rejected, this::next);

        assertThat(renewed.value()).isEqualTo("t2");
        assertThat(held.get(this::next)).isSameAs(renewed);
        assertThat(supplied).isEqualTo(2);
    }

    @Test
    void aTokenRejectedAgainAfterItWasRenewed_getsTheRenewedOne_withoutASecondRenewal() {
        AccessToken rejected = held.get(this::next);
        AccessToken renewed = held.renew(rejected, this::next);

        assertThat(held.renew(rejected, this::next)).isSameAs(renewed);
        assertThat(supplied).isEqualTo(2);
    }

    @Test
    void aFailedRenewal_leavesNoTokenHeld_soTheNextCallObtainsOneAfresh() {
        AccessToken rejected = held.get(this::next);

        assertThatThrownBy(() -> held.renew(rejected, () -> {
            throw new SessionUnavailableException("none newer");
        })).isInstanceOf(SessionUnavailableException.class);

        assertThat(held.get(this::next).value()).isEqualTo("t2");
    }

    @Test
    void aRenewalWithNoTokenHeld_obtainsOne() {
        assertThat(held.renew(token("elsewhere"), this::next).value()).isEqualTo("t1");
    }
}
