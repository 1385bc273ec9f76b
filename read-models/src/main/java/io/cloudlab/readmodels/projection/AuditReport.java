package io.cloudlab.readmodels.projection;

import java.util.List;

/**
 * What an audit compared and every difference it found.
 *
 * @param checkpoint the read model's checkpoint the replay was cut at, so both sides saw the same events
 */
public record AuditReport(String projection, int version, String checkpoint, int samplePercent, long eventsReplayed,
        long documentsCompared, List<Difference> differences) {

    /** One document that differs: what the replay of its events gives and what the read model holds. */
    public record Difference(String document, String expected, String actual) {}
}
