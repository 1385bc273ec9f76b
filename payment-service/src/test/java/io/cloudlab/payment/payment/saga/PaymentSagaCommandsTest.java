package io.cloudlab.payment.payment.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudlab.contracts.payment.AuthorizePayment;
import io.cloudlab.contracts.payment.PaymentCommand;
import io.cloudlab.payment.method.domain.PaymentMethodType;
import io.cloudlab.payment.payment.app.AuthorizationRequest;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.support.saga.Received;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payment participant's own rules, beside the contract's and the edge's. */
class PaymentSagaCommandsTest {

    static final UUID ORDER = UUID.randomUUID();

    static Received<PaymentCommand> received(AuthorizePayment command) {
        return new Received<>(UUID.randomUUID(), command, UUID.randomUUID(), null, null);
    }

    static AuthorizePayment authorize(String method, String methodId) {
        return new AuthorizePayment(UUID.randomUUID(), ORDER, "c-1", new BigDecimal("99.90"), "EUR", method, methodId);
    }

    @Test
    void theGatewaysSilenceIsWaitedOutAndNothingElseBeyondThePlatformsRule() {
        PaymentSagaCommands participant = new PaymentSagaCommands();
        assertTrue(participant.retryable(new GatewayUnanswered("capture")));
        assertFalse(participant.retryable(new IllegalArgumentException("amount is missing")));
    }

    @Test
    void anAuthorizationBecomesTheDomainsRequest() {
        var command = PaymentSagaCommands.toDomain(received(authorize("paypal", null)), authorize("paypal", null));
        assertEquals(new AuthorizationRequest(ORDER, "c-1",
                new BigDecimal("99.90"), "EUR", PaymentMethodType.PAYPAL, null), command);
    }

    @Test
    void aMeansOfPaymentThatNamesNothingIsARefusalNotAParseError() {
        AuthorizePayment unknownType = authorize("gold_bars", null);
        assertThrows(UnusablePaymentMethod.class, () -> PaymentSagaCommands.toDomain(received(unknownType), unknownType));
        AuthorizePayment notAnId = authorize("credit_card", "'; DROP TABLE payments; --");
        assertThrows(UnusablePaymentMethod.class, () -> PaymentSagaCommands.toDomain(received(notAnId), notAnId));
    }
}
