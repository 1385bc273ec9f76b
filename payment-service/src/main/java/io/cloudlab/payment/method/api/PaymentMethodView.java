package io.cloudlab.payment.method.api;

import io.cloudlab.payment.method.domain.RegisteredPaymentMethod;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered payment method as shown: brand and last four at most, never the number or the token. */
@Schema(name = "PaymentMethod")
public record PaymentMethodView(
        @Schema(example = "5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5") UUID paymentMethodId,
        @Schema(example = "credit_card") String type,
        @Schema(example = "visa") String brand,
        @Schema(example = "4242") String lastFour,
        @Schema(example = "12") Integer expiryMonth,
        @Schema(example = "2030") Integer expiryYear) {

    static PaymentMethodView of(RegisteredPaymentMethod m) {
        return new PaymentMethodView(m.paymentMethodId(), m.type().toString(),
                m.brand() == null ? null : m.brand().toString(), m.lastFour(), m.expiryMonth(), m.expiryYear());
    }
}
