package io.cloudlab.console.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a projection's row words a rebuild's and an audit's progress, as the service's state tells them. */
class ProjectionRowTest {

    static ProjectionsPage.Row row(Map<String, Object> state) {
        return new ProjectionsPage.Row("order-service", state, List.of());
    }

    static Map<String, Object> audit(Object... fields) {
        Map<String, Object> audit = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) audit.put((String) fields[i], fields[i + 1]);
        return audit;
    }

    @Test
    void anAuditIsWordedAsItRunsStallsAndEnds() {
        assertEquals("-", row(Map.of("name", "order-views")).audit());
        assertEquals("running: 25% read, 40 events replayed, 0 documents compared", row(Map.of("audit", audit(
                "read_position", 250, "target_position", 1000, "events_replayed", 40, "documents_compared", 0, "stalled", false))).audit());
        assertEquals("running: 12 events replayed, 3 documents compared", row(Map.of("audit", audit(
                "read_position", 0, "events_replayed", 12, "documents_compared", 3, "stalled", false))).audit(),
                "no target yet: no share");
        assertEquals("silent since 2026-12-03T10:00:00Z: its instance stopped; audit again", row(Map.of("audit", audit(
                "updated_at", "2026-12-03T10:00:00Z", "stalled", true, "read_position", 5, "target_position", 10))).audit());
        assertEquals("2 differences in 90 documents (10%), 2026-12-03T10:05:00Z", row(Map.of("audit", audit(
                "finished_at", "2026-12-03T10:05:00Z", "differences", 2, "documents_compared", 90, "sample_percent", 10))).audit());
        assertEquals("failed: ClickHouse went away", row(Map.of("audit", audit(
                "finished_at", "2026-12-03T10:05:00Z", "failure", "ClickHouse went away"))).audit());
    }

    @Test
    void aRebuildShowsTheVersionBeingBuiltAndWhatItHasStillToApply() {
        assertEquals("-", row(Map.of("version", 1)).building());
        assertEquals("v2: 10450 events to go", row(Map.of("version", 1, "building", 2, "building_lag_events", 10450)).building());
    }
}
