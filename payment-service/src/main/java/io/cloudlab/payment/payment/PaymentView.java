package io.cloudlab.payment.payment;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A payment as the API shows it: the payments table's row (money as strings with two decimals). */
@Schema(name = "Payment", description = "A payment and where it stands")
public record PaymentView(
        @Schema(example = "0b8f3a4e-5d6c-3b2a-9f8e-7d6c5b4a3f2e") UUID paymentId,
        @Schema(example = "3b0f6a52-2f44-4f43-9d0c-1c2b1f4e7a10") UUID orderId,
        @Schema(example = "8a3c2d41-6f1e-4b7a-9c55-0e2f3a4b5c6d") String customerId,
        @Schema(example = "authorized", enumeration = {"pending", "authorized", "captured", "partially_refunded",
                "refunded", "voided", "declined"}) String status,
        @Schema(example = "149.97") String amount,
        @Schema(example = "EUR") String currency,
        @Schema(example = "0.00") String capturedAmount,
        @Schema(example = "0.00") String refundedAmount,
        @Schema(example = "credit_card") String paymentMethod,
        @Schema(example = "5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5") UUID paymentMethodId,
        @Schema(example = "visa") String cardBrand,
        @Schema(example = "4242") String cardLastFour,
        @Schema(example = "auth_7f6e5d4c3b2a41908f7e6d5c") String gatewayReference,
        @Schema(example = "insufficient_funds", description = "set when declined") String declineReason,
        @Schema(example = "1") int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
