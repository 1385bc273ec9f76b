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
 * with SQL access see only ciphertext. Layout: format (1 byte) || random 96-bit nonce || ciphertext and
 * 128-bit tag. The associated data (the context) binds a ciphertext to where it belongs: a value copied into
 * another row, column or owner no longer decrypts, so swapping tokens between customers is detected, not
 * silently accepted. The format says which context a value was sealed with: {@link #ROW_BOUND} values name
 * their row and column only; {@link #OWNER_BOUND} values, all new ones, name their tenant and owner too.
 */
public final class FieldCipher {

    /** Sealed with its row and column as the context (values written before owners were bound). */
    public static final byte ROW_BOUND = 1;
    /** Sealed with its tenant, owner, row and column as the context. */
    public static final byte OWNER_BOUND = 2;
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
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(OWNER_BOUND).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws TamperedException when the value, its context or the key is not the one it was sealed with */
    public String decrypt(byte[] sealed, String context) {
        return decrypt(sealed, format -> context);
    }

    /**
     * Decrypts with the context its format calls for ({@link #ROW_BOUND} or {@link #OWNER_BOUND}).
     *
     * @throws TamperedException when the value, its context or the key is not the one it was sealed with
     */
    public String decrypt(byte[] sealed, java.util.function.IntFunction<String> contextOfFormat) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8
                || (sealed[0] != ROW_BOUND && sealed[0] != OWNER_BOUND)) {
            throw new TamperedException();
        }
        String context = contextOfFormat.apply(sealed[0]);
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
