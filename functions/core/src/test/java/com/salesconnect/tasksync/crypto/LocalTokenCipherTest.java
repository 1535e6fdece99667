package com.salesconnect.tasksync.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTokenCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final TokenContext USER_1 = TokenContext.refreshToken("user-1");

    private final LocalTokenCipher cipher = new LocalTokenCipher(KEY);

    @Test
    void encryptThenDecrypt_underTheSameContext_returnsThePlaintext() {
        String ciphertext = cipher.encrypt("5Aep861refresh-token", USER_1);

        assertThat(ciphertext).doesNotContain("refresh-token");
        assertThat(cipher.decrypt(ciphertext, USER_1)).isEqualTo("5Aep861refresh-token");
    }

    @Test
    void ciphertextCopiedToAnotherUser_doesNotDecrypt() {
        String ciphertext = cipher.encrypt("token", USER_1);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, TokenContext.refreshToken("user-2")))
                .isInstanceOf(CipherException.class)
                .hasMessageNotContaining("token");
    }

    @Test
    void ciphertextReadAsAnotherKindOfSecret_doesNotDecrypt() {
        String refreshToken = cipher.encrypt("token", USER_1);

        assertThatThrownBy(() -> cipher.decrypt(refreshToken, TokenContext.accessToken("user-1")))
                .isInstanceOf(CipherException.class);
    }

    @Test
    void tamperedCiphertext_orAnotherKey_doesNotDecrypt() {
        byte[] blob = Base64.getDecoder().decode(cipher.encrypt("token", USER_1));
        blob[blob.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(blob);

        assertThatThrownBy(() -> cipher.decrypt(tampered, USER_1)).isInstanceOf(CipherException.class);
        assertThatThrownBy(() -> new LocalTokenCipher(OTHER_KEY).decrypt(cipher.encrypt("token", USER_1), USER_1))
                .isInstanceOf(CipherException.class);
        assertThatThrownBy(() -> cipher.decrypt("not base64 !", USER_1)).isInstanceOf(CipherException.class);
        assertThatThrownBy(() -> cipher.decrypt("AAAA", USER_1)).isInstanceOf(CipherException.class);
    }

    @Test
    void eachEncryption_usesAFreshTwelveByteIv() {
        String first = cipher.encrypt("same", USER_1);
        String second = cipher.encrypt("same", USER_1);

        assertThat(first).isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first)).hasSize(12 + "same".length() + 16);
    }

    @Test
    void keyMustBe32Base64Bytes() {
        assertThatThrownBy(() -> new LocalTokenCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new LocalTokenCipher("***")).isInstanceOf(IllegalArgumentException.class);
    }
}
