package io.smsgate.server.carrier;

import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.ShortMessage;

/**
 * Stand-in carrier message ids for parts whose outcome is unknown under {@link InFlightPolicy#WAIT}: the carrier
 * may have taken the part, but its id never reached us. The part is recorded under its addresses, and a receipt
 * whose id matches nothing is tried again under its own addresses: a receipt's source_addr is the handset the
 * message went to and its destination_addr the message's sender (SMPP 3.4 §4.6.1, Appendix B). Such a key is
 * unambiguous while one message per (sender, handset) pair waits at the carrier; with more, the newest one takes the
 * receipt and the others stay SUBMITTED.
 */
final class WaitKeys {

    private static final String PREFIX = "wait:";

    private WaitKeys() {
    }

    /** The key of a part we sent to {@code destination} from {@code source}. */
    static String ofSubmit(ShortMessage part) {
        return key(part.destination(), part.source());
    }

    /** The key a receipt names: its source is the handset, its destination the original sender. */
    static String ofReceipt(ShortMessage receipt) {
        return key(receipt.source(), receipt.destination());
    }

    private static String key(Address handset, Address sender) {
        return PREFIX + digits(handset.address()) + ">" + digits(sender.address());
    }

    /** A leading '+' is a formatting choice some carriers make and others do not. */
    private static String digits(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }
}
