package com.salesconnect.tasksync.crypto;

/**
 * Encrypts secrets at rest (Salesforce refresh and access tokens, webhook tokens): KMS in AWS, a local key
 * otherwise. The {@link TokenContext} (what the secret is and whose) is bound to the ciphertext, so a ciphertext
 * copied to another owner's item, or read as another kind of secret, does not decrypt.
 */
public interface TokenCipher {

    String encrypt(String plaintext, TokenContext context);

    String decrypt(String ciphertext, TokenContext context);
}
