package io.cloudlab.eventstore;

import java.util.UUID;

/**
 * What an append did.
 *
 * @param streamVersion the stream's version after the append: pass it as the next expected version
 * @param lastPosition  position of the last appended event; a reader that waits for it sees the append
 * @param replayed      true when these event ids were already stored (a retried append): nothing new was
 *                      written and the first append's versions and positions are returned
 */
public record AppendResult(UUID aggregateId, int streamVersion, long firstPosition, long lastPosition, boolean replayed) {}
