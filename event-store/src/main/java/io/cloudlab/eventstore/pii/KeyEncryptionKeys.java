package io.cloudlab.eventstore.pii;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The key-encryption keys (KEKs) that wrap the subject keys: one active, which wraps every new key, and
 * the previous ones, still able to unwrap what they wrapped until a rewrap has moved it to the active one.
 * Each is named by an id stored beside every key it wraps, which is what lets a KEK rotate.
 */
public final class KeyEncryptionKeys {

    private final String activeId;
    private final Map<String, byte[]> byId;

    private KeyEncryptionKeys(String activeId, Map<String, byte[]> byId) {
        this.activeId = activeId;
        this.byId = byId;
    }

    public static KeyEncryptionKeys of(String activeId, byte[] activeKey, Map<String, byte[]> previous) {
        if (activeId == null || activeId.isBlank() || activeId.length() > 64) {
            throw new IllegalArgumentException("a key-encryption key id is 1 to 64 characters");
        }
        Map<String, byte[]> keys = new HashMap<>();
        previous.forEach((id, key) -> keys.put(id, checked(id, key)));
        keys.put(activeId, checked(activeId, activeKey));
        return new KeyEncryptionKeys(activeId, Map.copyOf(keys));
    }

    public static KeyEncryptionKeys single(String id, byte[] key) {
        return of(id, key, Map.of());
    }

    /** From configuration: base64 keys. */
    public static KeyEncryptionKeys fromBase64(String activeId, String activeKey, Map<String, String> previous) {
        Map<String, byte[]> decoded = new HashMap<>();
        previous.forEach((id, key) -> decoded.put(id, decode(id, key)));
        return of(activeId, decode(activeId, activeKey), decoded);
    }

    /** {@code id=base64,id=base64} (ids and keys as configured; base64 has no commas) as a map. */
    public static Map<String, String> pairs(String configured) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : configured.split(",")) {
            if (pair.isBlank()) continue;
            int at = pair.indexOf('=');
            if (at <= 0) throw new IllegalArgumentException("previous key-encryption keys are id=base64 pairs, comma-separated");
            pairs.put(pair.substring(0, at).trim(), pair.substring(at + 1).trim());
        }
        return pairs;
    }

    public String activeId() {
        return activeId;
    }

    byte[] active() {
        return byId.get(activeId);
    }

    /** The key of that id; a key wrapped before ids existed (null id) was wrapped by the active key. */
    Optional<byte[]> byId(String id) {
        return Optional.ofNullable(byId.get(id == null ? activeId : id));
    }

    private static byte[] checked(String id, byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the key-encryption key " + id + " must be 32 bytes (AES-256)");
        }
        return key.clone();
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key-encryption key " + id + " is not base64", e);
        }
    }
}
