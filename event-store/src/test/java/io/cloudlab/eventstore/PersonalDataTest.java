package io.cloudlab.eventstore;

import static io.cloudlab.eventstore.AppendAndLoadTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.eventstore.pii.KeyEncryptionKeys;
import io.cloudlab.eventstore.pii.PersonalData;
import io.cloudlab.eventstore.pii.PersonalDataCodec;
import io.cloudlab.eventstore.pii.SubjectKeys;
import io.cloudlab.eventstore.upcasting.Upcasters;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crypto-shredding: erasing a subject erases exactly its personal fields, in every event, without rewriting one. */
class PersonalDataTest extends RealDatabaseTest {

    static EventStore store;
    static SubjectKeys keys;

    @BeforeAll
    static void start() {
        store = TestDatabase.eventStore(pool, EventStoreOptions.forTypes("TestOrder"), Upcasters.NONE);
        keys = new SubjectKeys(pool, TestDatabase.TEST_KEKS);
    }


    @Test
    void personalFieldsAreStoredEncryptedReadBackInClearAndErasedWithTheSubjectOnly() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID aliceOrder = UUID.randomUUID();
        UUID bobOrder = UUID.randomUUID();
        await(store.append("TestOrder", aliceOrder, 0, List.of(placed(alice, "alice@example.com", "1 Main St")),
                EventMetadata.forTenant(tenant)));
        await(store.append("TestOrder", bobOrder, 0, List.of(placed(bob, "bob@example.com", "2 Side St")),
                EventMetadata.forTenant(tenant)));

        String stored = storedPayload(aliceOrder);
        assertFalse(stored.contains("alice@example.com"), "no clear text at rest: " + stored);
        assertFalse(stored.contains("1 Main St"));
        assertTrue(stored.contains("\"total_amount\": \"42.00\""), "non-personal fields stay readable: " + stored);
        JsonObject before = await(store.load(tenant, aliceOrder)).events().get(0).data();
        assertEquals("alice@example.com", before.getString("email"));
        assertEquals("1 Main St", before.getString("shipping_address"));

        assertTrue(await(keys.erase(tenant, alice)));

        RecordedEvent after = await(store.load(tenant, aliceOrder)).events().get(0);
        assertNull(after.data().getValue("email"));
        assertNull(after.data().getValue("shipping_address"));
        assertTrue(after.data().containsKey("email"), "the field is there, erased");
        assertEquals("42.00", after.data().getString("total_amount"));
        assertEquals(2, after.metadata().getJsonArray("erased_fields").size());
        assertEquals("bob@example.com", await(store.load(tenant, bobOrder)).events().get(0).data().getString("email"));
        assertEquals(stored, storedPayload(aliceOrder), "the event itself was not rewritten");

        // Written after erasure: the personal data is never stored at all.
        await(store.append("TestOrder", aliceOrder, 1, List.of(placed(alice, "again@example.com", "3 New St")),
                EventMetadata.forTenant(tenant)));
        assertFalse(storedPayload(aliceOrder).contains("again@example.com"));
        assertNull(await(store.load(tenant, aliceOrder)).events().get(1).data().getValue("email"));
    }

    @Test
    void theSameSubjectIdInTwoTenantsIsTwoPeopleWithTwoKeys() {
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID orderInA = UUID.randomUUID();
        UUID orderInB = UUID.randomUUID();
        await(store.append("TestOrder", orderInA, 0, List.of(placed(alice, "alice@a.example", "1 A St")),
                EventMetadata.forTenant(shopA)));
        // Before keys were per tenant, this append failed: "subject ... belongs to another tenant".
        await(store.append("TestOrder", orderInB, 0, List.of(placed(alice, "alice@b.example", "1 B St")),
                EventMetadata.forTenant(shopB)));

        assertEquals("alice@a.example", await(store.load(shopA, orderInA)).events().get(0).data().getString("email"));
        assertEquals("alice@b.example", await(store.load(shopB, orderInB)).events().get(0).data().getString("email"));

        assertTrue(await(keys.erase(shopA, alice)));
        assertNull(await(store.load(shopA, orderInA)).events().get(0).data().getValue("email"), "erased in shop A");
        assertEquals("alice@b.example", await(store.load(shopB, orderInB)).events().get(0).data().getString("email"),
                "shop B's alice is another person: her data stays");
    }

    @Test
    void aRotatedKeyEncryptionKeyRewrapsEveryKeyAndTheOldOneCanThenGo() throws Exception {
        byte[] oldKek = randomKey();
        byte[] newKek = randomKey();
        String oldId = "old-" + UUID.randomUUID();
        String newId = "new-" + UUID.randomUUID();
        EventStore beforeRotation = new EventStore(pool, EventStoreOptions.forTypes("TestOrder"), Upcasters.NONE,
                new PersonalDataCodec(new SubjectKeys(pool, KeyEncryptionKeys.single(oldId, oldKek))));
        UUID tenant = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        await(beforeRotation.append("TestOrder", order, 0, List.of(placed(carol, "carol@example.com", "4 Elm St")),
                EventMetadata.forTenant(tenant)));
        assertEquals(1, TestDatabase.scalar("SELECT count(*) FROM event_store.subject_keys WHERE tenant_id = ? AND kek_id = ?",
                tenant, oldId), "the wrapped key names the KEK that wrapped it");

        SubjectKeys during = new SubjectKeys(pool, KeyEncryptionKeys.of(newId, newKek, Map.of(oldId, oldKek)));
        SubjectKeys.Rewrap rewrap = await(during.rewrapAll());
        assertTrue(rewrap.rewrapped() >= 1, "rewrapped: " + rewrap);
        assertEquals(0, TestDatabase.scalar("SELECT count(*) FROM event_store.subject_keys WHERE kek_id = ?", oldId));
        assertEquals(0, TestDatabase.scalar("SELECT count(*) FROM event_store.subject_keys WHERE tenant_id = ? AND kek_id IS DISTINCT FROM ?",
                tenant, newId), "every key of the tenant is under the new KEK");

        EventStore afterRotation = new EventStore(pool, EventStoreOptions.forTypes("TestOrder"), Upcasters.NONE,
                new PersonalDataCodec(new SubjectKeys(pool, KeyEncryptionKeys.single(newId, newKek))));
        assertEquals("carol@example.com", await(afterRotation.load(tenant, order)).events().get(0).data().getString("email"),
                "readable with the new KEK alone");
        assertThrows(IllegalStateException.class, () -> await(beforeRotation.load(tenant, order)),
                "the old KEK alone no longer opens it");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private static NewEvent placed(UUID customer, String email, String address) {
        return NewEvent.of("OrderPlaced", new JsonObject().put("customer_id", customer.toString()).put("email", email)
                        .put("shipping_address", address).put("total_amount", "42.00"))
                .withPersonalData(PersonalData.of(customer, "email", "shipping_address"));
    }

    private static String storedPayload(UUID aggregateId) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var c = TestDatabase.platformConnection(); var ps = c.prepareStatement(
                "SELECT event_data::text FROM event_store.events WHERE aggregate_id = ? ORDER BY event_version")) {
            ps.setObject(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) all.append(rs.getString(1));
            }
        }
        return all.toString();
    }
}
