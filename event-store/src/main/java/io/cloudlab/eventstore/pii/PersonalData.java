package io.cloudlab.eventstore.pii;

import java.util.Set;
import java.util.UUID;

/**
 * Marks which top-level fields of an event's payload are personal data about one subject (a customer,
 * say). The store keeps them encrypted with that subject's own key; erasing the subject deletes the key,
 * which erases those fields in every event ever written about them without rewriting any event.
 */
public record PersonalData(UUID subjectId, Set<String> fields) {

    public static final PersonalData NONE = new PersonalData(null, Set.of());

    public static PersonalData of(UUID subjectId, String... fields) {
        return new PersonalData(subjectId, Set.of(fields));
    }

    public boolean isEmpty() {
        return subjectId == null || fields.isEmpty();
    }
}
