package com.salesconnect.tasksync.testing;

import com.salesconnect.tasksync.crypto.TokenCipher;
import com.salesconnect.tasksync.crypto.TokenContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A reversible stand-in for KMS: not secret at all, but it binds the context like the real ciphers do, so a
 * ciphertext decrypted with another context fails.
 */
public final class FakeTokenCipher implements TokenCipher {

    private static final String PREFIX = "fake-cipher:";

    @Override
    public String encrypt(String plaintext, TokenContext context) {
        String payload = context.canonical() + "\u0000" + plaintext;
        return PREFIX + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decrypt(String ciphertext, TokenContext context) {
        if (!ciphertext.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a ciphertext of this cipher");
        }
        String payload = new String(Base64.getDecoder().decode(ciphertext.substring(PREFIX.length())),
                StandardCharsets.UTF_8);
        int sep = payload.indexOf('\u0000');
        if (sep < 0 || !payload.substring(0, sep).equals(context.canonical())) {
            throw new IllegalArgumentException("context does not match");
        }
        return payload.substring(sep + 1);
    }
}
