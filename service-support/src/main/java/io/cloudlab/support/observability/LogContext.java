package io.cloudlab.support.observability;

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

    private LogContext() {}

    public static void of(UUID tenantId, UUID correlationId) {
        if (tenantId != null) MDC.put(TENANT, tenantId.toString());
        if (correlationId != null) MDC.put(CORRELATION, correlationId.toString());
    }
}
