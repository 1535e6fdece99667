package com.salesconnect.tasksync.crypto;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Encrypts secrets with a KMS key. The {@link TokenContext} is the encryption context ({@code purpose} and the
 * owner's id), so a ciphertext copied to another user's item does not decrypt, each function's key policy
 * conditions can name the purposes it may use, and the binding shows in CloudTrail.
 */
public final class KmsTokenCipher implements TokenCipher {

    private final KmsClient kms;
    private final String keyId;

    /** @param keyId key id, ARN or alias of the key (from the function's configuration) */
    public KmsTokenCipher(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public String encrypt(String plaintext, TokenContext context) {
        try {
            SdkBytes ciphertext = kms.encrypt(r -> r.keyId(keyId)
                    .plaintext(SdkBytes.fromString(plaintext, StandardCharsets.UTF_8))
                    .encryptionContext(context.encryptionContext())).ciphertextBlob();
            return Base64.getEncoder().encodeToString(ciphertext.asByteArray());
        } catch (SdkException e) {
            throw new CipherException("KMS encrypt failed", e);
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
        try {
            return kms.decrypt(r -> r.keyId(keyId)
                    .ciphertextBlob(SdkBytes.fromByteArray(blob))
                    .encryptionContext(context.encryptionContext())).plaintext().asUtf8String();
        } catch (InvalidCiphertextException e) {
            throw new CipherException("ciphertext does not decrypt under this key and context", e);
        } catch (SdkException e) {
            throw new CipherException("KMS decrypt failed", e);
        }
    }
}
