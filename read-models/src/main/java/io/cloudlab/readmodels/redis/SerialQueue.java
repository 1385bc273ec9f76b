package io.cloudlab.readmodels.redis;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs asynchronous work one piece at a time. A version's writer applies batches and operators' retry/skip
 * requests; both read documents and write them back, so they must not interleave or one would overwrite the
 * other's result.
 */
final class SerialQueue {

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    synchronized <T> Uni<T> run(Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> previous = tail;
        tail = result.handle((r, e) -> null);
        previous.whenComplete((r, e) -> {
            try {
                work.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        });
        return Uni.createFrom().completionStage(result);
    }
}
