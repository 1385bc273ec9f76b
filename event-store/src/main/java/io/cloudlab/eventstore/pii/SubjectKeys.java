package io.cloudlab.eventstore.pii;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The data keys of personal data, one per subject of a tenant, kept in {@code event_store.subject_keys} wrapped
 * (AES-256-GCM) with a key-encryption key from configuration: a database dump alone reveals no personal data.
 * A wrapped key is bound to its KEK's id, tenant and subject, so a key moved to another row does not unwrap.
 * An empty Optional means the subject was erased.
 */
public final class SubjectKeys {

    /** Whose key: a subject of one tenant. The same subject id in another tenant is another person. */
    public record Subject(UUID tenantId, UUID subjectId) {}

    /**
     * What a rewrap did: keys moved to the active KEK, and keys left as they were because no configured KEK
     * opens them (their KEK is not configured, or is configured under their id with other bytes).
     */
    public record Rewrap(String activeKekId, int rewrapped, int unopened) {}

    private static final int REWRAP_PAGE = 500;

    private final Pool pool;
    private final KeyEncryptionKeys keks;

    public SubjectKeys(Pool pool, KeyEncryptionKeys keks) {
        this.pool = pool;
        this.keks = keks;
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
    public Uni<Optional<byte[]>> forWrite(SqlClient client, UUID tenantId, UUID subjectId) {
        Subject subject = new Subject(tenantId, subjectId);
        byte[] wrapped = AesGcm.encrypt(keks.active(), AesGcm.newKey(), wrapAad(keks.activeId(), subject));
        return client.preparedQuery("SELECT key_material, kek_id, erased FROM event_store.subject_key_for_write($1, $2, $3, $4)")
                .execute(Tuple.of(tenantId, subjectId, Buffer.buffer(wrapped), keks.activeId()))
                .map(rows -> unwrap(subject, rows.iterator().next()));
    }

    /** Keys of any tenant's subjects, for readers of the whole store; erased or unknown subjects are empty. */
    public Uni<Map<Subject, Optional<byte[]>>> forRead(Collection<Subject> subjects) {
        return pool.preparedQuery("SELECT tenant_id, subject_id, key_material, kek_id, erased"
                        + " FROM event_store.subject_keys_for_read($1, $2)")
                .execute(Tuple.of(subjects.stream().map(Subject::tenantId).toArray(UUID[]::new),
                        subjects.stream().map(Subject::subjectId).toArray(UUID[]::new)))
                .map(rows -> {
                    Map<Subject, Optional<byte[]>> keys = new HashMap<>();
                    for (Row row : rows) {
                        Subject subject = new Subject(row.getUUID("tenant_id"), row.getUUID("subject_id"));
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

    /**
     * Moves every live key wrapped by another KEK to the active one: the second step of a KEK rotation (the first
     * configures the new KEK as active and the old one as previous; the last removes the old one). Safe to run
     * again, and beside writers: a key changed or erased meanwhile is left as it is.
     */
    public Uni<Rewrap> rewrapAll() {
        return rewrapFrom(new Subject(new UUID(0, 0), new UUID(0, 0)),
                new Rewrap(keks.activeId(), 0, 0));
    }

    private Uni<Rewrap> rewrapFrom(Subject after, Rewrap sofar) {
        return pool.preparedQuery("SELECT tenant_id, subject_id, key_material, kek_id"
                        + " FROM event_store.subject_keys_to_rewrap($1, $2, $3, $4)")
                .execute(Tuple.of(keks.activeId(), after.tenantId(), after.subjectId(), REWRAP_PAGE))
                .chain(rows -> {
                    if (rows.size() == 0) return Uni.createFrom().item(sofar);
                    List<Tuple> rewraps = new ArrayList<>();
                    int unknown = 0;
                    Subject last = after;
                    for (Row row : rows) {
                        Subject subject = new Subject(row.getUUID("tenant_id"), row.getUUID("subject_id"));
                        last = subject;
                        String oldKek = row.getString("kek_id");
                        Optional<byte[]> kek = keks.byId(oldKek);
                        byte[] key;
                        try {
                            key = AesGcm.decrypt(kek.orElseThrow(() -> new IllegalStateException("not configured")),
                                    bytes(row), wrapAad(oldKek, subject));
                        } catch (IllegalStateException cannotOpen) {
                            unknown++;
                            continue;
                        }
                        byte[] rewrapped = AesGcm.encrypt(keks.active(), key, wrapAad(keks.activeId(), subject));
                        rewraps.add(Tuple.of(subject.tenantId(), subject.subjectId(), oldKek, Buffer.buffer(rewrapped),
                                keks.activeId()));
                    }
                    int skipped = unknown;
                    Subject next = last;
                    Uni<Integer> done = rewraps.isEmpty() ? Uni.createFrom().item(0)
                            : pool.preparedQuery("SELECT event_store.rewrap_subject_key($1, $2, $3, $4, $5) AS done")
                                    .executeBatch(rewraps)
                                    .map(SubjectKeys::trueRows);
                    return done.chain(count -> rewrapFrom(next, new Rewrap(sofar.activeKekId(),
                            sofar.rewrapped() + count, sofar.unopened() + skipped)));
                });
    }

    private static int trueRows(io.vertx.mutiny.sqlclient.RowSet<Row> first) {
        int count = 0;
        for (var set = first; set != null; set = set.next()) {
            for (Row row : set) if (Boolean.TRUE.equals(row.getBoolean("done"))) count++;
        }
        return count;
    }

    private Optional<byte[]> unwrap(Subject subject, Row row) {
        if (row.getBoolean("erased")) {
            return Optional.empty();
        }
        String kekId = row.getString("kek_id");
        byte[] kek = keks.byId(kekId).orElseThrow(() -> new IllegalStateException("the key of subject "
                + subject.subjectId() + " is wrapped by key-encryption key " + kekId
                + ", which is not configured (add it to the previous keys until a rewrap has run)"));
        return Optional.of(AesGcm.decrypt(kek, bytes(row), wrapAad(kekId, subject)));
    }

    private static byte[] bytes(Row row) {
        return row.getDelegate().getBuffer("key_material").getBytes();
    }

    /** Binds a wrapped key to its KEK, tenant and subject; keys wrapped before ids existed were bound to the subject alone. */
    static byte[] wrapAad(String kekId, Subject subject) {
        if (kekId == null) return aad(subject.subjectId());
        return ("kek:" + kekId + "|" + subject.tenantId() + "|" + subject.subjectId()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] aad(UUID subjectId) {
        return subjectId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
