package io.cloudlab.saga.fulfilment.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What operators see of sagas. */
public final class SagaViews {

    private SagaViews() {}

    public record Summary(UUID sagaId, String sagaType, String status, String outcome, UUID orderId, UUID tenantId,
            int currentStep, String failureReason, OffsetDateTime deadlineAt, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    public record StepView(int stepNumber, String stepType, String status, int retryCount, UUID commandId,
            OffsetDateTime startedAt, OffsetDateTime completedAt, OffsetDateTime deadlineAt, Long durationMs,
            String errorMessage, String lastReply) {}

    public record Detail(Summary saga, UUID paymentId, List<StepView> steps) {}

    public record Page(List<Summary> sagas, String nextCursor) {}

    /**
     * What needs someone: live sagas past their deadline and failed ones, and placed orders that have no saga
     * because their OrderPlaced could not be read (parked, with why).
     */
    public record Stuck(List<Summary> sagas, String nextCursor, List<Unstarted> unstarted) {}

    public record Unstarted(UUID orderId, UUID parkedId, String error, OffsetDateTime parkedAt) {}

    public record Reason(String reason) {}
}
