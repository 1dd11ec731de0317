package io.smsgate.server.store;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.Address;

/**
 * The fields of a stored message that its client's delivery receipt needs (SMPP 3.4 Appendix B), read in the same
 * statement that finds the receipt's message.
 *
 * @param registeredDelivery the client's registered_delivery (SMPP 3.4 §5.2.17)
 * @param partCount how many segments the client's message had
 */
public record ReceiptSubject(MessageId messageId, String systemId, Address source, Address destination,
                             int registeredDelivery, int partCount) {
    public ReceiptSubject {
        requireNonNull(messageId, "messageId");
        requireNonNull(systemId, "systemId");
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        if (partCount < 1) {
            throw new IllegalArgumentException("partCount: " + partCount + " (expected: >= 1)");
        }
    }
}
