package com.salesconnect.tasksync.crypto;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class KmsTokenCipherIT {

    private final AwsResources aws;
    private final KmsTokenCipher cipher;

    KmsTokenCipherIT(AwsResources aws) {
        this.aws = aws;
        String keyId = aws.kms().createKey(r -> r.description("refresh tokens")).keyMetadata().keyId();
        this.cipher = new KmsTokenCipher(aws.kms(), keyId);
    }

    @Test
    void encryptThenDecrypt_withTheSameContext_returnsThePlaintext() {
        String ciphertext = cipher.encrypt("5Aep861refresh", "user-1");

        assertThat(ciphertext).doesNotContain("5Aep861refresh");
        assertThat(cipher.decrypt(ciphertext, "user-1")).isEqualTo("5Aep861refresh");
    }

    @Test
    void ciphertextCopiedToAnotherUser_doesNotDecrypt() {
        String ciphertext = cipher.encrypt("5Aep861refresh", "user-1");

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, "user-2"))
                .isInstanceOf(CipherException.class)
                .hasMessageNotContaining("5Aep861refresh");
    }

    @Test
    void unknownKey_isACipherException() {
        KmsTokenCipher missingKey = new KmsTokenCipher(aws.kms(), "11111111-2222-3333-4444-555555555555");

        assertThatThrownBy(() -> missingKey.encrypt("x", "user-1")).isInstanceOf(CipherException.class);
    }
}
