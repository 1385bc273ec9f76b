package io.cloudlab.payment.payment.api;

import io.cloudlab.payment.payment.domain.PaymentRejected;
import io.cloudlab.payment.payment.domain.PaymentRejected.AlreadyExists;
import io.cloudlab.payment.payment.domain.PaymentRejected.AmountAboveLimit;
import io.cloudlab.payment.payment.domain.PaymentRejected.IllegalTransition;
import io.cloudlab.payment.payment.domain.PaymentRejected.InvalidAmount;
import io.cloudlab.payment.payment.domain.PaymentRejected.UnusablePaymentMethod;
import io.cloudlab.support.problem.Problem;
import io.cloudlab.support.problem.ProblemException;

/** The Payment aggregate's refusals as problems. */
final class PaymentProblems {

    private PaymentProblems() {}

    static ProblemException of(PaymentRejected rejected) {
        if (rejected instanceof IllegalTransition) {
            return new ProblemException(Problem.of(409, "illegal-transition", "Conflict", rejected.getMessage()));
        }
        if (rejected instanceof AlreadyExists) {
            return new ProblemException(Problem.of(409, "payment-exists", "Conflict", rejected.getMessage()).field("order_id"));
        }
        if (rejected instanceof AmountAboveLimit) {
            return ProblemException.unprocessable("amount-above-limit", "amount", rejected.getMessage());
        }
        if (rejected instanceof InvalidAmount) {
            return ProblemException.badRequest("amount", rejected.getMessage());
        }
        if (rejected instanceof UnusablePaymentMethod unusable) {
            return switch (unusable.why()) {
                case MISSING -> ProblemException.badRequest("payment_method_id", rejected.getMessage());
                case UNKNOWN -> ProblemException.unprocessable("unknown-payment-method", "payment_method_id", rejected.getMessage());
                case MISMATCH -> ProblemException.unprocessable("payment-method-mismatch", "payment_method", rejected.getMessage());
            };
        }
        return new ProblemException(Problem.of(409, "conflict", "Conflict", rejected.getMessage()));
    }
}
