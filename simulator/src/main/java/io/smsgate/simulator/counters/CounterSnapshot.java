package io.smsgate.simulator.counters;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A copy of {@link SimulatorCounters}, serialisable to JSON as is (the control API's {@code GET /counters}).
 *
 * @param messagesPerDestination messages counted one by one for the first tracked destinations
 * @param otherDestinations messages to destinations beyond the tracking limit
 * @param duplicates messages that repeat an earlier one by content, by user_message_reference, or both
 * @param receiptsQueued receipts due while no receiver bind of their system_id was bound: they waited
 * @param receiptsResent receipts written again after a temporary error or a connection lost before the answer
 * @param receiptsDropped receipts given up on, by {@link DropReason#key()}
 * @param moResent MO written again after a temporary error or a connection lost before the answer
 * @param moDropped MO given up on, by {@link DropReason#key()}
 * @param duplicateChecksSkipped messages not checked because the duplicate table was full
 */
public record CounterSnapshot(
        long connections,
        long bindsAccepted,
        long bindsRefused,
        long unbinds,
        List<PduCount> pdusReceived,
        List<PduCount> pdusSent,
        long partsReceived,
        long messagesReceived,
        Map<String, Long> messagesPerDestination,
        long otherDestinations,
        long duplicates,
        long duplicatesByContent,
        long duplicatesByUserReference,
        long duplicateChecksSkipped,
        long receiptsSent,
        long receiptsAcknowledged,
        long receiptsRejected,
        long receiptsQueued,
        long receiptsResent,
        Map<String, Long> receiptsDropped,
        long moSent,
        long moAcknowledged,
        long moRejected,
        long moResent,
        Map<String, Long> moDropped) {

    public CounterSnapshot {
        pdusReceived = List.copyOf(pdusReceived);
        pdusSent = List.copyOf(pdusSent);
        messagesPerDestination = Map.copyOf(messagesPerDestination);
        receiptsDropped = Map.copyOf(receiptsDropped);
        moDropped = Map.copyOf(moDropped);
    }

    /** Receipts dropped for one reason. */
    public long receiptsDropped(DropReason reason) {
        return receiptsDropped.getOrDefault(reason.key(), 0L);
    }

    /** MO dropped for one reason. */
    public long moDropped(DropReason reason) {
        return moDropped.getOrDefault(reason.key(), 0L);
    }

    /** How many PDUs with this command_id and command_status were received. */
    public long received(int commandId, int commandStatus) {
        return find(pdusReceived, commandId, commandStatus);
    }

    /** How many PDUs with this command_id and command_status were sent. */
    public long sent(int commandId, int commandStatus) {
        return find(pdusSent, commandId, commandStatus);
    }

    /** Messages received for one destination (0 when never seen or beyond the tracking limit). */
    public long messagesTo(String destination) {
        return messagesPerDestination.getOrDefault(destination, 0L);
    }

    private static long find(List<PduCount> counts, int commandId, int commandStatus) {
        for (PduCount count : counts) {
            if (count.commandId() == commandId && count.commandStatus() == commandStatus) {
                return count.count();
            }
        }
        return 0;
    }

    /** PDUs of one command_id and command_status. */
    public record PduCount(int commandId, int commandStatus, long count) {
        static final Comparator<PduCount> ORDER = Comparator.comparingInt(PduCount::commandId)
                .thenComparingInt(PduCount::commandStatus);

        /** The command_id as SMPP prints it, e.g. {@code 0x80000004}. */
        public String command() {
            return String.format("0x%08x", commandId);
        }
    }
}
