package io.cloudlab.order.order.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/** The bodies of the order lifecycle endpoints. */
public final class Requests {

    static final String MONEY = "(0|[1-9][0-9]{0,7})\\.[0-9]{2}";
    static final String MONEY_MESSAGE = "must be an amount with two decimals as a string, such as \"19.99\"";

    private Requests() {}

    public record Cancel(@Size(max = 500) String reason) {}

    public record Reject(@NotBlank @Size(max = 500) String reason) {}

    /** Money as a decimal string ("99.90"), as everywhere on the platform: never a binary floating point. */
    public record ConfirmPayment(@NotNull UUID paymentId, @NotNull @Pattern(regexp = MONEY, message = MONEY_MESSAGE) String amount) {
        public BigDecimal value() {
            return new BigDecimal(amount);
        }
    }

    public record Ship(@NotBlank @Size(max = 100) String carrier, @NotBlank @Size(max = 100) String trackingNumber) {}

    /** No amount: refund everything paid and not yet refunded. {@code restock}: the order's units go back on sale. */
    public record Refund(@Pattern(regexp = MONEY, message = MONEY_MESSAGE) String amount,
            @NotBlank @Size(max = 500) String reason, Boolean restock) {
        public BigDecimal value() {
            return amount == null ? null : new BigDecimal(amount);
        }
    }
}
