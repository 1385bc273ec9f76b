package io.cloudlab.payment.payment.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RefundPayment", description = "Refund part or all of what was captured")
public record RefundPaymentRequest(
        @NotNull @Pattern(regexp = Money.PATTERN, message = Money.MESSAGE) @Schema(example = "20.00") String amount,
        @NotBlank @Size(max = 500) @Schema(example = "item returned") String reason) {}
