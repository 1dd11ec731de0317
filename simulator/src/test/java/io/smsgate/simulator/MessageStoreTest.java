package io.smsgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.simulator.behaviour.ReceiptStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageStoreTest {
    private static final long SUBMIT = 1_700_000_000_000L;
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private final MessageStore store = new MessageStore(new MessageStoreConfig(1024, RETENTION));

    @Test
    void anIssuedMessageIsEnrouteWithItsSubmitTimeAndNoDoneTime() {
        store.put(7, SUBMIT);
        assertThat(store.find(7, SUBMIT + 5)).contains(new MessageStore.Entry(MessageState.ENROUTE, SUBMIT, 0));
    }

    @Test
    void anIdNeverIssuedIsNotFound() {
        store.put(7, SUBMIT);
        assertThat(store.find(8, SUBMIT)).isEmpty();
        assertThat(store.find(7 + 1024, SUBMIT)).isEmpty();
        assertThat(store.find(-1, SUBMIT)).isEmpty();
        assertThat(store.cancel(8, SUBMIT)).isFalse();
        assertThat(store.replaceable(8, SUBMIT)).isFalse();
    }

    @Test
    void aFinalReceiptSetsTheStateAndDoneTimeAndAnIntermediateOneChangesNothing() {
        store.put(7, SUBMIT);
        assertThat(store.receipt(7, ReceiptStatus.ENROUTE, SUBMIT + 100)).isTrue();
        assertThat(store.find(7, SUBMIT + 100)).contains(new MessageStore.Entry(MessageState.ENROUTE, SUBMIT, 0));
        assertThat(store.receipt(7, ReceiptStatus.UNDELIV, SUBMIT + 200)).isTrue();
        assertThat(store.find(7, SUBMIT + 300))
                .contains(new MessageStore.Entry(MessageState.UNDELIVERABLE, SUBMIT, SUBMIT + 200));
        assertThat(store.replaceable(7, SUBMIT + 300)).isFalse();
    }

    @Test
    void cancelDeletesAPendingMessageWhichThenGetsNoReceiptButADeletedOne() {
        store.put(7, SUBMIT);
        assertThat(store.replaceable(7, SUBMIT + 10)).isTrue();
        assertThat(store.cancel(7, SUBMIT + 10)).isTrue();
        assertThat(store.find(7, SUBMIT + 20)).contains(new MessageStore.Entry(MessageState.DELETED, SUBMIT, SUBMIT + 10));
        assertThat(store.receipt(7, ReceiptStatus.DELIVRD, SUBMIT + 30)).isFalse();
        assertThat(store.receipt(7, ReceiptStatus.DELETED, SUBMIT + 30)).isTrue();
        assertThat(store.cancel(7, SUBMIT + 40)).as("already final").isFalse();
    }

    @Test
    void aDeliveredMessageCannotBeCancelled() {
        store.put(7, SUBMIT);
        store.receipt(7, ReceiptStatus.DELIVRD, SUBMIT + 1);
        assertThat(store.cancel(7, SUBMIT + 2)).isFalse();
        assertThat(store.find(7, SUBMIT + 2).orElseThrow().state()).isEqualTo(MessageState.DELIVERED);
    }

    @Test
    void aReceiptForAnUnknownIdIsSentAndRemembersNothing() {
        assertThat(store.receipt(Long.MAX_VALUE - 5, ReceiptStatus.DELIVRD, SUBMIT)).isTrue();
        assertThat(store.find(Long.MAX_VALUE - 5, SUBMIT)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "at the retention,            600000, true",
            "one millisecond past it,     600001, false",
            "a clock that stepped back,   -5000,  true",
    })
    void aMessageIsFoundForTheRetentionAfterItsSubmit(String name, long age, boolean found) {
        store.put(7, SUBMIT);
        assertThat(store.find(7, SUBMIT + age).isPresent()).isEqualTo(found);
        assertThat(store.replaceable(7, SUBMIT + age)).isEqualTo(found);
        assertThat(store.cancel(7, SUBMIT + age)).isEqualTo(found);
    }

    @Test
    void theOldestMessageIsForgottenWhenMaxMessagesNewerOnesWereIssued() {
        long first = 5_000_000_000L;  // the demo's ids start at epoch milliseconds times 1,000
        for (long id = first; id < first + 1024; id++) {
            store.put(id, SUBMIT);
        }
        assertThat(store.find(first, SUBMIT)).isPresent();
        store.put(first + 1024, SUBMIT);
        assertThat(store.find(first, SUBMIT)).isEmpty();
        assertThat(store.find(first + 1, SUBMIT)).isPresent();
        assertThat(store.find(first + 1024, SUBMIT)).isPresent();
        assertThat(store.receipt(first, ReceiptStatus.DELIVRD, SUBMIT))
                .as("a forgotten message's receipt is still sent").isTrue();
        assertThat(store.find(first + 1024, SUBMIT).orElseThrow().state()).isEqualTo(MessageState.ENROUTE);
    }

    @Test
    void aLateStoreOfAnOlderIdDoesNotPushOutTheNewerMessageInItsSlot() {
        store.put(7 + 1024, SUBMIT);
        store.put(7, SUBMIT);
        assertThat(store.find(7 + 1024, SUBMIT)).isPresent();
        assertThat(store.find(7, SUBMIT)).isEmpty();
    }

    @Test
    void storesAcrossChunksAndTheWholeRingOfALargeStore() {
        MessageStore large = new MessageStore(new MessageStoreConfig(1 << 18, RETENTION));
        for (long id = 0; id < (1 << 18) + 10; id += 997) {
            large.put(id, SUBMIT + id);
        }
        for (long id = 0; id < (1 << 18) + 10; id += 997) {
            assertThat(large.find(id, SUBMIT + id).orElseThrow().submitMillis()).isEqualTo(SUBMIT + id);
        }
    }

    @Test
    void threadsIssuingAndReceiptingConcurrentlyLoseNothing() throws Exception {
        MessageStore shared = new MessageStore(new MessageStoreConfig(1 << 16, RETENTION));
        AtomicLong nextId = new AtomicLong(1);
        int perThread = 10_000;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long id = nextId.getAndIncrement();
                        shared.put(id, SUBMIT);
                        shared.receipt(id, ReceiptStatus.DELIVRD, SUBMIT + id);
                    }
                }, threads));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdown();
        }
        for (long id = 1; id <= 4L * perThread; id++) {
            assertThat(shared.find(id, SUBMIT)).contains(new MessageStore.Entry(MessageState.DELIVERED, SUBMIT, SUBMIT + id));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "not a power of two,   1000,      600, 'store.max-messages: 1000 (expected: a power of two from 1024 to 134217728)'",
            "below the minimum,    512,       600, 'store.max-messages: 512 (expected: a power of two from 1024 to 134217728)'",
            "above the maximum,    268435456, 600, 'store.max-messages: 268435456 (expected: a power of two from 1024 to 134217728)'",
            "zero retention,       1024,      0,   'store.retention: PT0S (expected: > 0)'",
    })
    void refusesBoundsItCannotKeep(String name, int maxMessages, long retentionSeconds, String message) {
        assertThatThrownBy(() -> new MessageStoreConfig(maxMessages, Duration.ofSeconds(retentionSeconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void defaultsAreAMillionMessagesForTenMinutes() {
        assertThat(MessageStoreConfig.DEFAULTS).isEqualTo(new MessageStoreConfig(1 << 20, Duration.ofMinutes(10)));
    }
}
