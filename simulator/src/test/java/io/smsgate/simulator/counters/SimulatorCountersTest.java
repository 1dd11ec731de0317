package io.smsgate.simulator.counters;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.OctetString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulatorCountersTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int SUBMIT_SM = 0x00000004;
    private static final int SUBMIT_SM_RESP = 0x80000004;
    private static final int GENERIC_NACK = 0x80000000;

    private final SimulatorCounters counters = new SimulatorCounters(
            new CountersConfig(Duration.ofSeconds(10), 1024, 3), MessageAssembly.SINGLE_PARTS, 0);

    private static MessagePart part(String source, String destination, String text) {
        return MessagePart.single(source, destination, OctetString.ascii(text));
    }

    @Test
    void countsPdusByCommandAndStatusIncludingTheGenericNackId() {
        counters.pduReceived(SUBMIT_SM, 0);
        counters.pduReceived(SUBMIT_SM, 0);
        counters.pduSent(SUBMIT_SM_RESP, 0);
        counters.pduSent(SUBMIT_SM_RESP, 0x58);
        counters.pduSent(GENERIC_NACK, 0);
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.received(SUBMIT_SM, 0)).isEqualTo(2);
        assertThat(snapshot.sent(SUBMIT_SM_RESP, 0)).isEqualTo(1);
        assertThat(snapshot.sent(SUBMIT_SM_RESP, 0x58)).isEqualTo(1);
        assertThat(snapshot.sent(GENERIC_NACK, 0)).isEqualTo(1);
        assertThat(snapshot.sent(SUBMIT_SM, 0)).isZero();
        assertThat(snapshot.pdusSent()).extracting(CounterSnapshot.PduCount::command)
                .containsExactly("0x80000000", "0x80000004", "0x80000004");
    }

    @Test
    void aRepeatOfSourceDestinationAndTextWithinTheWindowIsADuplicate() {
        counters.messagePartReceived(part("+4477001", "+4477002", "hello"), 0);
        counters.messagePartReceived(part("+4477001", "+4477002", "hello"), 9 * SECOND);
        counters.messagePartReceived(part("+4477001", "+4477002", "hello!"), 9 * SECOND);
        counters.messagePartReceived(part("+4477001", "+4477003", "hello"), 9 * SECOND);
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.messagesReceived()).isEqualTo(4);
        assertThat(snapshot.duplicates()).isEqualTo(1);
        assertThat(snapshot.duplicatesByContent()).isEqualTo(1);
    }

    @Test
    void aRepeatAfterTwoWindowsIsNotADuplicate() {
        counters.messagePartReceived(part("a", "b", "hello"), 0);
        counters.messagePartReceived(part("a", "b", "hello"), 21 * SECOND);
        assertThat(counters.snapshot().duplicates()).isZero();
    }

    @Test
    void theSameUserReferenceToTheSameDestinationIsADuplicateEvenWithOtherText() {
        counters.messagePartReceived(new MessagePart("a", "b", OctetString.ascii("one"), OptionalInt.of(7), 0, 1, 1), 0);
        counters.messagePartReceived(new MessagePart("a", "b", OctetString.ascii("two"), OptionalInt.of(7), 0, 1, 1), 1);
        counters.messagePartReceived(new MessagePart("a", "c", OctetString.ascii("two"), OptionalInt.of(7), 0, 1, 1), 2);
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.duplicatesByUserReference()).isEqualTo(1);
        assertThat(snapshot.duplicatesByContent()).isZero();
        assertThat(snapshot.duplicates()).isEqualTo(1);
    }

    @Test
    void aMessageDuplicatedByContentAndReferenceCountsAsOneDuplicateMessage() {
        MessagePart part = new MessagePart("a", "b", OctetString.ascii("x"), OptionalInt.of(9), 0, 1, 1);
        counters.messagePartReceived(part, 0);
        counters.messagePartReceived(part, 1);
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.duplicates()).isEqualTo(1);
        assertThat(snapshot.duplicatesByContent()).isEqualTo(1);
        assertThat(snapshot.duplicatesByUserReference()).isEqualTo(1);
    }

    @Test
    void countsMessagesPerDestinationUpToTheTrackingLimit() {
        for (String destination : List.of("d1", "d2", "d1", "d3", "d4", "d5", "d1")) {
            counters.messagePartReceived(part("s", destination, destination + System.identityHashCode(this)), 0);
        }
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.messagesPerDestination()).isEqualTo(Map.of("d1", 3L, "d2", 1L, "d3", 1L));
        assertThat(snapshot.otherDestinations()).isEqualTo(2);
        assertThat(snapshot.messagesTo("d1")).isEqualTo(3);
    }

    @Test
    void concatenatedPartsCountAsOneMessageOnceAssembled() {
        // A stand-in assembly that completes a message when all parts of its reference have arrived, in any order.
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        MessageAssembly assembly = (part, now) -> seen.merge(part.reference(), 1, Integer::sum) == part.total()
                ? Optional.of(new AssembledMessage(part.source(), part.destination(), OctetString.ascii("whole"),
                        OptionalInt.empty(), part.total()))
                : Optional.empty();
        SimulatorCounters assembled = new SimulatorCounters(CountersConfig.DEFAULTS, assembly, 0);
        for (int sequence : new int[] {3, 1, 2}) {
            assembled.messagePartReceived(new MessagePart("a", "b", OctetString.ascii("p" + sequence),
                    OptionalInt.empty(), 42, 3, sequence), 0);
        }
        CounterSnapshot snapshot = assembled.snapshot();
        assertThat(snapshot.partsReceived()).isEqualTo(3);
        assertThat(snapshot.messagesReceived()).isEqualTo(1);
    }

    @Test
    void aFullDuplicateTableSkipsChecksAndSaysSo() {
        for (int i = 0; i < 5000; i++) {
            counters.messagePartReceived(part("s", "d" + (i % 3), "text " + i), 0);
        }
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.duplicates()).isZero();
        assertThat(snapshot.duplicateChecksSkipped()).isPositive();
        assertThat(snapshot.messagesReceived()).isEqualTo(5000);
    }

    @Test
    void redeliveriesAndDropsAreCountedByReasonForReceiptsAndMoApart() {
        counters.receiptQueued();
        counters.receiptResent();
        counters.receiptResent();
        counters.receiptDropped(DropReason.PERMANENT_ERROR);
        counters.receiptDropped(DropReason.QUEUE_FULL);
        counters.receiptDropped(DropReason.QUEUE_FULL);
        counters.moResent();
        counters.moDropped(DropReason.ATTEMPTS_EXHAUSTED);
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.receiptsQueued()).isEqualTo(1);
        assertThat(snapshot.receiptsResent()).isEqualTo(2);
        assertThat(snapshot.receiptsDropped()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "permanent-error", 1L, "attempts-exhausted", 0L, "queue-full", 2L));
        assertThat(snapshot.receiptsDropped(DropReason.QUEUE_FULL)).isEqualTo(2);
        assertThat(snapshot.moResent()).isEqualTo(1);
        assertThat(snapshot.moDropped(DropReason.ATTEMPTS_EXHAUSTED)).isEqualTo(1);
        assertThat(snapshot.moDropped(DropReason.PERMANENT_ERROR)).isZero();
    }

    @Test
    void receiptsAndMoAnswersSplitIntoAcknowledgedAndRejected() {
        counters.receiptSent();
        counters.receiptSent();
        counters.receiptAnswered(0);
        counters.receiptAnswered(0x64);
        counters.moSent();
        counters.moAnswered(0);
        counters.bindAccepted();
        counters.bindRefused();
        counters.connectionOpened();
        counters.unbound();
        CounterSnapshot snapshot = counters.snapshot();
        assertThat(snapshot.receiptsSent()).isEqualTo(2);
        assertThat(snapshot.receiptsAcknowledged()).isEqualTo(1);
        assertThat(snapshot.receiptsRejected()).isEqualTo(1);
        assertThat(snapshot.moSent()).isEqualTo(1);
        assertThat(snapshot.moAcknowledged()).isEqualTo(1);
        assertThat(snapshot.bindsAccepted()).isEqualTo(1);
        assertThat(snapshot.bindsRefused()).isEqualTo(1);
        assertThat(snapshot.connections()).isEqualTo(1);
        assertThat(snapshot.unbinds()).isEqualTo(1);
    }

    @Test
    void countsExactlyUnderConcurrentUse() throws Exception {
        SimulatorCounters shared = new SimulatorCounters(CountersConfig.DEFAULTS, MessageAssembly.SINGLE_PARTS, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        shared.pduReceived(SUBMIT_SM, 0);
                        shared.pduSent(SUBMIT_SM_RESP, i % 7);
                        // Every message is sent twice by two threads: exactly half are duplicates.
                        shared.messagePartReceived(part("s", "d" + (i % 100), "m" + i + "/" + (thread / 2)), 0);
                    }
                    return null;
                });
            }
            for (Future<Void> result : pool.invokeAll(tasks)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        CounterSnapshot snapshot = shared.snapshot();
        assertThat(snapshot.received(SUBMIT_SM, 0)).isEqualTo(80_000);
        long responses = 0;
        for (CounterSnapshot.PduCount count : snapshot.pdusSent()) {
            responses += count.count();
        }
        assertThat(responses).isEqualTo(80_000);
        assertThat(snapshot.messagesReceived()).isEqualTo(80_000);
        assertThat(snapshot.duplicates()).isEqualTo(40_000);
        assertThat(snapshot.messagesTo("d0")).isEqualTo(800);
    }
}
