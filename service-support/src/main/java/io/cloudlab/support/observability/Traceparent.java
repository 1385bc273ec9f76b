package io.cloudlab.support.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.regex.Pattern;

/**
 * The W3C trace context an event records in its metadata, so that one order's trace runs from the storefront's
 * request through the store, Kafka, the saga and every service's events, and the relay hands it on as the Kafka
 * record's {@code traceparent} header.
 *
 * <p>Prefers the span this process is in (OpenTelemetry's server or consumer span, itself a child of the caller's
 * trace), so the events hang under the span that wrote them; without one (OpenTelemetry off, or a continuation
 * that lost its context) it keeps what the message or request brought, so the trace id survives either way.
 */
public final class Traceparent {

    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private Traceparent() {}

    /** The current span's traceparent, else {@code carried} if it is a well-formed one, else null. */
    public static String current(String carried) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
        return carried != null && W3C.matcher(carried).matches() ? carried : null;
    }
}
