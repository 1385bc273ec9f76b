package io.cloudlab.readmodels.projection;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event a projection could not apply, or one waiting behind such an event of the same document. */
public record ParkedEvent(String document, UUID eventId, String eventType, UUID aggregateId, long position,
        String error, OffsetDateTime parkedAt) {}
