package io.cloudlab.eventstore;

import io.cloudlab.eventstore.pii.PersonalData;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * An event to append. The writer chooses {@code eventId}: appending the same ids again (a client retry)
 * returns the first append's result instead of storing them twice.
 *
 * @param schemaVersion version of this event type's payload shape; upcasters lift older ones on read
 * @param personalData  which payload fields are personal, and whose; they are stored encrypted with that
 *                      subject's key, so that erasing the subject erases them ({@link PersonalData#NONE}
 *                      when there are none)
 */
public record NewEvent(UUID eventId, String eventType, int schemaVersion, JsonObject data, PersonalData personalData) {

    public static NewEvent of(String eventType, JsonObject data) {
        return new NewEvent(UUID.randomUUID(), eventType, 1, data, PersonalData.NONE);
    }

    public NewEvent withId(UUID id) {
        return new NewEvent(id, eventType, schemaVersion, data, personalData);
    }

    public NewEvent withSchemaVersion(int version) {
        return new NewEvent(eventId, eventType, version, data, personalData);
    }

    public NewEvent withPersonalData(PersonalData personal) {
        return new NewEvent(eventId, eventType, schemaVersion, data, personal);
    }
}
