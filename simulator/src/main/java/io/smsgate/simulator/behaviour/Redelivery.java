package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Store-and-forward of deliver_sm (receipts and MO) as a real SMSC does it (SMPP 3.4 §4.6.2, §5.1.3): a
 * deliver_sm not acknowledged with ESME_ROK is kept per system_id; a temporary error (ESME_RX_T_APPN,
 * ESME_RMSGQFUL, ESME_RTHROTTLED) is retried after {@code retryDelay} up to {@code maxAttempts} answers,
 * one lost with its connection is sent again on the next receiver bind, and up to {@code queueCapacity}
 * wait per system_id while no receiver is bound (the oldest is dropped beyond that).
 *
 * @param retryDelay wait after a temporary error before the next attempt ({@code receipts.redelivery.retry-delay})
 * @param maxAttempts answered attempts before a temporarily failing deliver_sm is dropped
 *                    ({@code receipts.redelivery.max-attempts}; connection losses do not count)
 * @param queueCapacity deliver_sm waiting per system_id ({@code receipts.redelivery.queue-capacity})
 */
public record Redelivery(Duration retryDelay, int maxAttempts, int queueCapacity) {
    public static final Redelivery DEFAULTS = new Redelivery(Duration.ofSeconds(1), 5, 10_000);
    static final int MAX_QUEUE_CAPACITY = 10_000_000;

    public Redelivery {
        requireNonNull(retryDelay, "retryDelay");
        if (retryDelay.isNegative() || retryDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("receipts.redelivery.retry-delay: " + retryDelay
                    + " (expected: 0..1h)");
        }
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new IllegalArgumentException("receipts.redelivery.max-attempts: " + maxAttempts
                    + " (expected: 1..1000)");
        }
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("receipts.redelivery.queue-capacity: " + queueCapacity
                    + " (expected: 1.." + MAX_QUEUE_CAPACITY + ")");
        }
    }
}
