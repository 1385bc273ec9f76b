package io.cloudlab.payment.payment.api;

import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.app.AuthorizationRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuthorizePayment", description = "Authorize a payment for an order (one payment per order)")
public record AuthorizePaymentRequest(
        @NotNull @Schema(example = "3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10") UUID orderId,
        @NotBlank @Size(max = 255) @Schema(example = "8a3c2d41-6f1e-4b7a-9c55-0e2f3a4b5c6d") String customerId,
        @NotNull @Pattern(regexp = Money.PATTERN, message = Money.MESSAGE) @Schema(example = "149.97") String amount,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code like EUR") @Schema(example = "EUR") String currency,
        @NotNull @Schema(example = "credit_card") PaymentMethodType paymentMethod,
        @Schema(example = "5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5", description = "required for credit_card and debit_card")
        UUID paymentMethodId) {

    AuthorizationRequest toRequest() {
        return new AuthorizationRequest(orderId, customerId, new BigDecimal(amount), currency, paymentMethod, paymentMethodId);
    }
}
