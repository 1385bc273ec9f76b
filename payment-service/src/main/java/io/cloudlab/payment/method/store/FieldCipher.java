package io.cloudlab.payment.method.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for single columns, done by the application so that the database, its backups and anyone
 * with SQL access see only ciphertext. Layout: format version (1 byte) || random 96-bit nonce || ciphertext
 * and 128-bit tag. The associated data binds a ciphertext to its row and column (e.g.
 * "payment_methods.gateway_token:&lt;id&gt;"): a value copied into another row or column no longer
 * decrypts, so swapping tokens between customers is detected, not silently accepted.
 */
public final class FieldCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public FieldCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 32 bytes (AES-256), base64-encoded in config");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public byte[] encrypt(String plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws TamperedException when the value, its context or the key is not the one it was sealed with */
    public String decrypt(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new TamperedException();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TamperedException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** The ciphertext does not authenticate: tampered with, moved from another row, or another key. */
    public static final class TamperedException extends RuntimeException {
        TamperedException() {
            super("encrypted value failed authentication (tampered, moved or wrong key)", null, false, false);
        }
    }
}
