package io.cloudlab.eventstore.pii;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Marks which top-level fields of an event's payload are personal data about one subject (a customer,
 * say). The store keeps them encrypted with that subject's own key; erasing the subject deletes the key,
 * which erases those fields in every event ever written about them without rewriting any event.
 */
public record PersonalData(UUID subjectId, Set<String> fields) {

    public static final PersonalData NONE = new PersonalData(null, Set.of());

    /**
     * A customer's fields, under the customer's subject: the token's subject when it is a UUID, else a name-based
     * one. Every service derives it the same way, so one erasure shreds a customer's data in all their events.
     */
    public static PersonalData ofCustomer(String customerId, String... fields) {
        return of(customerSubject(customerId), fields);
    }

    /** The subject whose key holds a customer's personal data. */
    public static UUID customerSubject(String customerId) {
        try {
            return UUID.fromString(customerId);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(("customer:" + customerId).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static PersonalData of(UUID subjectId, String... fields) {
        return new PersonalData(subjectId, Set.of(fields));
    }

    public boolean isEmpty() {
        return subjectId == null || fields.isEmpty();
    }
}
