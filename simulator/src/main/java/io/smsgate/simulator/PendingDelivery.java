package io.smsgate.simulator;

import io.smsgate.protocol.smpp.pdu.DeliverSm;
import java.util.Comparator;

/**
 * One deliver_sm (receipt or MO) the simulated SMSC owes an ESME until a deliver_sm_resp with ESME_ROK
 * acknowledges it (store and forward, SMPP 3.4 §4.6.2). Handed between event loops only through an executor
 * or the carrier's queue lock, so its counters need no synchronisation of their own.
 */
final class PendingDelivery {
    /** Oldest due first; the order of creation breaks ties. */
    static final Comparator<PendingDelivery> DUE_ORDER = Comparator.<PendingDelivery>comparingLong(d -> d.dueNanos)
            .thenComparingLong(d -> d.order);

    /** The PDU without its sequence number: each write numbers it on the session that sends it. */
    final DeliverSm deliver;
    final boolean receipt;
    final long dueNanos;
    final long order;
    /** Writes so far; every write after the first is a re-send. */
    int sends;
    /** Temporary errors answered so far. */
    int temporaryErrors;

    PendingDelivery(DeliverSm deliver, boolean receipt, long dueNanos, long order) {
        this.deliver = deliver;
        this.receipt = receipt;
        this.dueNanos = dueNanos;
        this.order = order;
    }
}
