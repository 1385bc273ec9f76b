package io.cloudlab.order.order.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/** The bodies of the order lifecycle endpoints. */
public final class Requests {

    private Requests() {}

    public record Cancel(@Size(max = 500) String reason) {}

    public record Reject(@NotBlank @Size(max = 500) String reason) {}

    public record ConfirmPayment(@NotNull UUID paymentId,
            @NotNull @DecimalMin("0.01") @Digits(integer = 8, fraction = 2) BigDecimal amount) {}

    public record Ship(@NotBlank @Size(max = 100) String carrier, @NotBlank @Size(max = 100) String trackingNumber) {}

    /** No amount: refund everything paid and not yet refunded. */
    public record Refund(@DecimalMin("0.01") @Digits(integer = 8, fraction = 2) BigDecimal amount,
            @NotBlank @Size(max = 500) String reason) {}
}
