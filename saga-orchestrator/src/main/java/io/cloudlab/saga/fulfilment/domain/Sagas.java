package io.cloudlab.saga.fulfilment.domain;

import java.util.List;

/** Every saga the orchestrator runs, by saga_instances.saga_type. */
public final class Sagas {

    public static final List<SagaDefinition> ALL = List.of(OrderFulfilmentSaga.DEFINITION,
            OrderCancellationSaga.DEFINITION, OrderRefundSaga.DEFINITION);

    private Sagas() {}

    public static SagaDefinition byType(String type) {
        return ALL.stream().filter(d -> d.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no saga of type " + type));
    }
}
