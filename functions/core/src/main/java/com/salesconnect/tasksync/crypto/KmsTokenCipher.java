package com.salesconnect.tasksync.crypto;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Encrypts secrets with a KMS key. The context is bound as the encryption context {"context": ctx}, so a
 * ciphertext copied to another user's item does not decrypt (and the binding shows in CloudTrail).
 */
public final class KmsTokenCipher implements TokenCipher {

    static final String CONTEXT_KEY = "context";

    private final KmsClient kms;
    private final String keyId;

    /** @param keyId key id, ARN or alias of the key (from the function's configuration) */
    public KmsTokenCipher(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public String encrypt(String plaintext, String context) {
        try {
            SdkBytes ciphertext = kms.encrypt(r -> r.keyId(keyId)
                    .plaintext(SdkBytes.fromString(plaintext, StandardCharsets.UTF_8))
                    .encryptionContext(Map.of(CONTEXT_KEY, context))).ciphertextBlob();
            return Base64.getEncoder().encodeToString(ciphertext.asByteArray());
        } catch (SdkException e) {
            throw new CipherException("KMS encrypt failed", e);
        }
    }

    @Override
    public String decrypt(String ciphertext, String context) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new CipherException("ciphertext is not base64");
        }
        try {
            return kms.decrypt(r -> r.keyId(keyId)
                    .ciphertextBlob(SdkBytes.fromByteArray(blob))
                    .encryptionContext(Map.of(CONTEXT_KEY, context))).plaintext().asUtf8String();
        } catch (InvalidCiphertextException e) {
            throw new CipherException("ciphertext does not decrypt under this key and context", e);
        } catch (SdkException e) {
            throw new CipherException("KMS decrypt failed", e);
        }
    }
}
