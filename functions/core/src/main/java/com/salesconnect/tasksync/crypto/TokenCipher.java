package com.salesconnect.tasksync.crypto;

/**
 * Encrypts secrets at rest (Salesforce refresh tokens, webhook tokens): KMS in AWS, a local key otherwise.
 * The {@code context} (for example the user id) is bound to the ciphertext as associated data, so a
 * ciphertext copied to another user's item does not decrypt.
 */
public interface TokenCipher {

    String encrypt(String plaintext, String context);

    String decrypt(String ciphertext, String context);
}
