package io.cloudlab.payment.payment.api;

import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CapturePayment", description = "Capture an authorized payment; without amount, the whole authorized amount")
public record CapturePaymentRequest(
        @Pattern(regexp = Money.PATTERN, message = Money.MESSAGE) @Schema(example = "149.97") String amount) {}
