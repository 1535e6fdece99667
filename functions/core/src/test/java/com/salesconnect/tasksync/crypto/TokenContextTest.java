package com.salesconnect.tasksync.crypto;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encryption contexts template.yaml's KMS conditions name: exactly a purpose and its owner. */
class TokenContextTest {

    @Test
    void eachPurpose_hasTheEncryptionContextThePoliciesName() {
        assertThat(TokenContext.refreshToken("u1").encryptionContext())
                .isEqualTo(Map.of("purpose", "refresh-token", "userId", "u1"));
        assertThat(TokenContext.accessToken("u1").encryptionContext())
                .isEqualTo(Map.of("purpose", "access-token", "userId", "u1"));
        assertThat(TokenContext.webhookToken("00D1").encryptionContext())
                .isEqualTo(Map.of("purpose", "webhook-token", "orgId", "00D1"));
    }

    @Test
    void aContextNeedsItsOwner() {
        assertThatThrownBy(() -> TokenContext.refreshToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenContext.accessToken(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
