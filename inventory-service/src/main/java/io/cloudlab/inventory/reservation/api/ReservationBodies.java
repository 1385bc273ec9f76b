package io.cloudlab.inventory.reservation.api;

import io.cloudlab.inventory.reservation.domain.Reservation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the reservation endpoints. */
public final class ReservationBodies {

    static final int MAX_LINES = 100;

    private ReservationBodies() {}

    @Schema(name = "ReserveStock")
    public record ReserveStock(
            @Schema(example = "0b5e7c0e-4a8f-4f7e-9d4c-2d8b7f1e6a11") @NotNull UUID orderId,
            @NotNull @Size(min = 1, max = MAX_LINES) List<@NotNull @Valid Line> lines) {}

    @Schema(name = "ReservationLine")
    public record Line(
            @Schema(example = "3f1c6c1e-9a7b-4a53-8d0e-6b2f0f6f2a10") @NotNull UUID productId,
            @Schema(example = "2") @NotNull @Positive @Max(1_000_000) Integer quantity) {}

    @Schema(name = "Reservation")
    public record ReservationView(
            @Schema(example = "0b5e7c0e-4a8f-4f7e-9d4c-2d8b7f1e6a11") UUID orderId,
            @Schema(example = "active", enumeration = {"active", "committed", "released", "expired"}) String status,
            @Schema(description = "When an active reservation is given back unless committed") Instant expiresAt,
            List<Line> lines) {

        static ReservationView of(Reservation r) {
            return new ReservationView(r.orderId(), r.status().toString(), r.expiresAt(),
                    r.lines().stream().map(l -> new Line(l.productId(), l.quantity())).toList());
        }
    }
}
