package io.cloudlab.payment.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudlab.payment.method.store.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    static final byte[] KEY = new byte[32];
    static {
        for (int i = 0; i < 32; i++) KEY[i] = (byte) i;
    }

    final FieldCipher cipher = new FieldCipher(KEY);

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        byte[] sealed = cipher.encrypt("tok_0123456789abcdef", "payment_methods.gateway_token:1");
        assertEquals("tok_0123456789abcdef", cipher.decrypt(sealed, "payment_methods.gateway_token:1"));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("tok_0123"));
    }

    @Test
    void twoEncryptionsOfOneValueDiffer() {
        byte[] a = cipher.encrypt("same", "ctx");
        byte[] b = cipher.encrypt("same", "ctx");
        assertFalse(Arrays.equals(a, b), "random nonce: equal plaintexts must not be recognisable");
    }

    @Test
    void everyFlippedByteIsDetected() {
        byte[] sealed = cipher.encrypt("Ada Lovelace", "ctx");
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThrows(FieldCipher.TamperedException.class, () -> cipher.decrypt(tampered, "ctx"), "byte " + i);
        }
    }

    @Test
    void aValueMovedToAnotherRowOrColumnDoesNotDecrypt() {
        byte[] sealed = cipher.encrypt("tok_a", "payment_methods.gateway_token:1");
        assertThrows(FieldCipher.TamperedException.class, () -> cipher.decrypt(sealed, "payment_methods.gateway_token:2"));
        assertThrows(FieldCipher.TamperedException.class, () -> cipher.decrypt(sealed, "payment_methods.holder_name:1"));
    }

    @Test
    void anotherKeyDoesNotDecryptAndTruncationIsDetected() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        byte[] sealed = cipher.encrypt("tok_a", "ctx");
        assertThrows(FieldCipher.TamperedException.class, () -> new FieldCipher(other).decrypt(sealed, "ctx"));
        assertThrows(FieldCipher.TamperedException.class, () -> cipher.decrypt(Arrays.copyOf(sealed, 10), "ctx"));
        assertThrows(FieldCipher.TamperedException.class, () -> cipher.decrypt(new byte[0], "ctx"));
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new FieldCipher(null));
        byte[] sealed = new FieldCipher(KEY).encrypt("x", "c");
        assertArrayEquals(new byte[] {FieldCipher.OWNER_BOUND}, Arrays.copyOf(sealed, 1), "format byte first: new values are owner-bound");
    }
}
