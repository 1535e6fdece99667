package com.salesconnect.tasksync.crypto;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class KmsTokenCipherIT {

    private static final TokenContext USER_1 = TokenContext.refreshToken("user-1");

    private final AwsResources aws;
    private final List<Map<String, String>> sentContexts = new CopyOnWriteArrayList<>();
    private final KmsClient kms;
    private final KmsTokenCipher cipher;

    KmsTokenCipherIT(AwsResources aws) {
        this.aws = aws;
        this.kms = aws.configure(KmsClient.builder()).overrideConfiguration(c -> c.addExecutionInterceptor(
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof EncryptRequest encrypt) {
                            sentContexts.add(encrypt.encryptionContext());
                        } else if (context.request() instanceof DecryptRequest decrypt) {
                            sentContexts.add(decrypt.encryptionContext());
                        }
                    }
                })).build();
        String keyId = aws.kms().createKey(r -> r.description("refresh tokens")).keyMetadata().keyId();
        this.cipher = new KmsTokenCipher(kms, keyId);
    }

    @AfterEach
    void closeClient() {
        kms.close();
    }

    @Test
    void encryptThenDecrypt_withTheSameContext_returnsThePlaintext() {
        String ciphertext = cipher.encrypt("5Aep861refresh", USER_1);

        assertThat(ciphertext).doesNotContain("5Aep861refresh");
        assertThat(cipher.decrypt(ciphertext, USER_1)).isEqualTo("5Aep861refresh");
    }

    @Test
    void theEncryptionContext_isThePurposeAndTheOwner_asTheIamConditionsExpect() {
        cipher.decrypt(cipher.encrypt("token", TokenContext.webhookToken("00D000000000001AAA")),
                TokenContext.webhookToken("00D000000000001AAA"));

        assertThat(sentContexts).containsExactly(
                Map.of("purpose", "webhook-token", "orgId", "00D000000000001AAA"),
                Map.of("purpose", "webhook-token", "orgId", "00D000000000001AAA"));
    }

    @Test
    void ciphertextCopiedToAnotherUser_doesNotDecrypt() {
        String ciphertext = cipher.encrypt("5Aep861refresh", USER_1);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, TokenContext.refreshToken("user-2")))
                .isInstanceOf(CipherException.class)
                .hasMessageNotContaining("5Aep861refresh");
    }

    @Test
    void aRefreshToken_doesNotDecryptAsTheSharedAccessToken() {
        String ciphertext = cipher.encrypt("5Aep861refresh", USER_1);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, TokenContext.accessToken("user-1")))
                .isInstanceOf(CipherException.class);
    }

    @Test
    void unknownKey_isACipherException() {
        KmsTokenCipher missingKey = new KmsTokenCipher(aws.kms(), "11111111-2222-3333-4444-555555555555");

        assertThatThrownBy(() -> missingKey.encrypt("x", USER_1)).isInstanceOf(CipherException.class);
    }
}
