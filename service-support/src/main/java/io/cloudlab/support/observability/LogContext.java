package io.cloudlab.support.observability;

import io.opentelemetry.api.trace.Span;

import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * What every log line of a request or a message's handling says about whose work it is: the tenant and the
 * correlation id (with JSON logs on, the MDC's fields; OpenTelemetry adds traceId and spanId beside them).
 * Quarkus keeps the MDC in the request's or message's own Vert.x context, so one never leaks into another.
 * Identifiers only: names, addresses and card data are never put here, nor in any log message.
 */
public final class LogContext {

    public static final String TENANT = "tenant_id";
    public static final String CORRELATION = "correlation_id";
    /** OpenTelemetry's MDC keys. */
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    private LogContext() {}

    public static void of(UUID tenantId, UUID correlationId) {
        if (tenantId != null) MDC.put(TENANT, tenantId.toString());
        if (correlationId != null) MDC.put(CORRELATION, correlationId.toString());
    }

    /**
     * As {@link #of(UUID, UUID)}, for one message of a batch: no span of its own is current (the connector
     * traces records, not the batch's handling), so the trace id its {@code traceparent} carries goes in the
     * MDC where OpenTelemetry would put it, and the message's log lines stay in its trace.
     */
    public static void of(UUID tenantId, UUID correlationId, String traceparent) {
        of(tenantId, correlationId);
        if (Span.current().getSpanContext().isValid()) return;
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        if (parts.length == 4 && parts[1].length() == 32) {
            MDC.put(TRACE_ID, parts[1]);
            MDC.put(SPAN_ID, parts[2]);
        }
    }
}
