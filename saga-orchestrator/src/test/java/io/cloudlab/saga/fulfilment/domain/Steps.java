package io.cloudlab.saga.fulfilment.domain;

/** The order-fulfilment saga's steps, by the names its definition gives them. */
final class Steps {

    static final SagaStep RESERVE_STOCK = step("reserve_stock");
    static final SagaStep AUTHORIZE_PAYMENT = step("authorize_payment");
    static final SagaStep CONFIRM_ORDER = step("confirm_order");
    static final SagaStep CAPTURE_PAYMENT = step("capture_payment");
    static final SagaStep COMMIT_STOCK = step("commit_stock");
    static final SagaStep VOID_PAYMENT = step("void_payment");
    static final SagaStep RELEASE_STOCK = step("release_stock");
    static final SagaStep REJECT_ORDER = step("reject_order");

    private Steps() {}

    private static SagaStep step(String name) {
        return OrderFulfilmentSaga.DEFINITION.step(name);
    }
}
