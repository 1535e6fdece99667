package com.salesconnect.tasksync.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM with a key from a base64 secret, for local runs without KMS. Each ciphertext is
 * base64(12-byte random IV || ciphertext || 16-byte tag); the context (its canonical text) is the associated
 * data, so a ciphertext decrypts only under the context it was made for.
 */
public final class LocalTokenCipher implements TokenCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key 32 random bytes, base64 (e.g. {@code openssl rand -base64 32}) */
    public LocalTokenCipher(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the local token key is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("the local token key must be 32 bytes (AES-256), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String encrypt(String plaintext, TokenContext context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new CipherException("local encrypt failed", e);
        }
    }

    @Override
    public String decrypt(String ciphertext, TokenContext context) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new CipherException("ciphertext is not base64");
        }
        if (blob.length < IV_BYTES + TAG_BITS / 8) {
            throw new CipherException("ciphertext is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(blob, IV_BYTES), context);
            byte[] plain = cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CipherException("ciphertext does not decrypt under this key and context", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, TokenContext context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.canonical().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
