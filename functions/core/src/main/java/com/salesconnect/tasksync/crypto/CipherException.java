package com.salesconnect.tasksync.crypto;

/**
 * A secret could not be encrypted or decrypted: a wrong context, a tampered ciphertext, or the key service
 * failing. The message never contains the secret or the ciphertext.
 */
public class CipherException extends RuntimeException {

    public CipherException(String message, Throwable cause) {
        super(message, cause);
    }

    public CipherException(String message) {
        super(message);
    }
}
