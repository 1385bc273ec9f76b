package io.cloudlab.saga.fulfilment;

import org.jboss.logging.Logger;
import io.cloudlab.saga.fulfilment.domain.SagaState;
import io.cloudlab.saga.fulfilment.domain.SagaStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sagas started, ended by outcome (fulfilled, compensated, failed), their duration, retried steps, and the
 * sagas past their deadline (measured by the scheduler): what an operator watches.
 */
@ApplicationScoped
public class SagaMetrics {

    private static final Logger LOG = Logger.getLogger(SagaMetrics.class);

    private final AtomicLong pastDeadline = new AtomicLong();

    @Inject
    MeterRegistry registry;

    @jakarta.annotation.PostConstruct
    void registerGauges() {
        registry.gauge("sagas_past_deadline", pastDeadline);
    }

    void started() {
        Counter.builder("sagas_started").description("Order-fulfilment sagas started").register(registry).increment();
    }

    void stepRetried() {
        Counter.builder("saga_steps_retried").description("Step attempts sent again after a deadline").register(registry)
                .increment();
    }

    void reached(SagaState saga) {
        String outcome;
        if (saga.status() == SagaStatus.FAILED) outcome = "failed";
        else if (saga.status() == SagaStatus.COMPLETED) outcome = saga.outcome().toString();
        else if (saga.status() == SagaStatus.COMPENSATING) outcome = "compensating";
        else return;
        Counter.builder("sagas_ended").description("Sagas by how they ended (or began compensating)")
                .tag("outcome", outcome).register(registry).increment();
        // One line per saga that changes course: ids and outcome only (no customer data), under the tenant,
        // correlation and trace of the message that caused it (LogContext, OpenTelemetry's MDC fields).
        LOG.infof("saga %s of order %s: %s", saga.sagaId(), saga.order().orderId(), outcome);
        Instant started = saga.startedAt();
        if (saga.status().terminal() && started != null) {
            Timer.builder("saga_duration").description("From OrderPlaced to the saga's end").tag("outcome", outcome)
                    .publishPercentileHistogram().register(registry).record(Duration.between(started, Instant.now()));
        }
    }

    void pastDeadline(long count) {
        pastDeadline.set(count);
    }
}
