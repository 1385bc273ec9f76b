package io.cloudlab.payment.method.api;

import io.cloudlab.payment.method.domain.CardDetails;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A payment method to register. The card is only passed through to the gateway's tokenisation; toString is
 * masked so the number and CVC cannot reach a log through this record.
 */
@Schema(name = "RegisterPaymentMethod", description = "A payment method; card types need the card, other types none")
public record RegisterPaymentMethodRequest(
        @NotNull @Schema(example = "credit_card") PaymentMethodType type,
        @Valid Card card) {

    @Schema(name = "Card", description = "Card as typed by the customer; never stored (tokenised by the gateway)")
    public record Card(
            @NotNull @Pattern(regexp = "^[0-9]{12,19}$", message = "must be 12 to 19 digits") @Schema(example = "4242424242424242") String number,
            @NotNull @Min(1) @Max(12) @Schema(example = "12") Integer expiryMonth,
            @NotNull @Min(2000) @Max(2200) @Schema(example = "2030") Integer expiryYear,
            @NotNull @Pattern(regexp = "^[0-9]{3,4}$", message = "must be 3 or 4 digits") @Schema(example = "123") String cvc,
            @Size(max = 100) @Schema(example = "Ada Lovelace") String holderName) {

        CardDetails toDetails() {
            return new CardDetails(number, expiryMonth, expiryYear, cvc, holderName);
        }

        @Override
        public String toString() {
            return "Card[****]";
        }
    }

    @Override
    public String toString() {
        return "RegisterPaymentMethodRequest[" + type + "]";
    }
}
