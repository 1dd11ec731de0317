package io.smsgate.routing;

import static java.util.Objects.requireNonNull;

/** What happened to a message's attempt on its current route, as the server reports it for failover. */
public sealed interface Outcome {

    /** Whether, under {@code policy}, this outcome moves the message to its next route. */
    boolean movesOn(FailoverPolicy policy);

    /** The carrier had no usable bind, so the message was not submitted. */
    record BindDown() implements Outcome {
        @Override
        public boolean movesOn(FailoverPolicy policy) {
            return true;
        }
    }

    /** The carrier answered submit_sm with an error command_status (SMPP 3.4 §5.1.3). */
    record SubmitFailed(int commandStatus) implements Outcome {
        @Override
        public boolean movesOn(FailoverPolicy policy) {
            return policy.routeFailureStatuses().contains(commandStatus);
        }

        boolean throttled() {
            return commandStatus == FailoverPolicy.ESME_RTHROTTLED;
        }
    }

    /** No submit_sm_resp within the policy's response timeout; the attempt is given up. */
    record ResponseTimeout() implements Outcome {
        @Override
        public boolean movesOn(FailoverPolicy policy) {
            return policy.failoverOnTimeout();
        }
    }

    /** A final receipt said the message was not delivered, with the receipt's {@code err:} code. */
    record ReceiptFailed(ReceiptStat stat, String errorCode) implements Outcome {
        public ReceiptFailed {
            requireNonNull(stat, "stat");
            requireNonNull(errorCode, "errorCode");
        }

        @Override
        public boolean movesOn(FailoverPolicy policy) {
            return stat.mayFailOver() && policy.receiptErrorCodes().contains(errorCode);
        }
    }
}
