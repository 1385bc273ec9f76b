package io.cloudlab.eventstore.pii;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-subject data keys, kept in {@code event_store.subject_keys} wrapped (AES-256-GCM) with a
 * key-encryption key from configuration: a database dump alone reveals no personal data.
 * An empty Optional means the subject was erased.
 */
public final class SubjectKeys {

    private final Pool pool;
    private final byte[] keyEncryptionKey;

    public SubjectKeys(Pool pool, byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (AES-256)");
        }
        this.pool = pool;
        this.keyEncryptionKey = keyEncryptionKey.clone();
    }

    /** The subject's key, created on first use; empty once the subject is erased. */
    public Uni<Optional<byte[]>> forWrite(UUID tenantId, UUID subjectId) {
        return forWrite(pool, tenantId, subjectId);
    }

    /**
     * The same, on the given client: an append inside a caller's transaction must look the key up on that
     * transaction's connection. Taking a second connection from the pool while holding one deadlocks as soon
     * as as many such transactions run as the pool has connections (each waits for a connection the others hold).
     */
    public Uni<Optional<byte[]>> forWrite(io.vertx.mutiny.sqlclient.SqlClient client, UUID tenantId, UUID subjectId) {
        byte[] wrapped = AesGcm.encrypt(keyEncryptionKey, AesGcm.newKey(), aad(subjectId));
        return client.preparedQuery("SELECT key_material, erased FROM event_store.subject_key_for_write($1, $2, $3)")
                .execute(Tuple.of(tenantId, subjectId, Buffer.buffer(wrapped)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new IllegalStateException("subject " + subjectId + " belongs to another tenant");
                    }
                    return unwrap(subjectId, rows.iterator().next());
                });
    }

    /** Keys of any tenant's subjects, for readers of the whole store; erased or unknown subjects are empty. */
    public Uni<Map<UUID, Optional<byte[]>>> forRead(Collection<UUID> subjectIds) {
        return pool.preparedQuery("SELECT subject_id, key_material, erased FROM event_store.subject_keys_for_read($1)")
                .execute(Tuple.of(subjectIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Optional<byte[]>> keys = new HashMap<>();
                    for (Row row : rows) {
                        UUID subject = row.getUUID("subject_id");
                        keys.put(subject, unwrap(subject, row));
                    }
                    return keys;
                });
    }

    /** Deletes the subject's key for good (GDPR erasure). False when the subject never had one. */
    public Uni<Boolean> erase(UUID tenantId, UUID subjectId) {
        return pool.preparedQuery("SELECT event_store.erase_subject($1, $2) AS erased")
                .execute(Tuple.of(tenantId, subjectId))
                .map(rows -> rows.iterator().next().getBoolean("erased"));
    }

    private Optional<byte[]> unwrap(UUID subjectId, Row row) {
        if (row.getBoolean("erased")) {
            return Optional.empty();
        }
        return Optional.of(AesGcm.decrypt(keyEncryptionKey, row.getDelegate().getBuffer("key_material").getBytes(), aad(subjectId)));
    }

    static byte[] aad(UUID subjectId) {
        return subjectId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
