package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.server.store.JournalWrite.InsertMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JournalTest {

    @RegisterExtension
    static final StoreFixture store = StoreFixture.perClass("journal_test");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Journal> journals = new ArrayList<>();

    @AfterEach
    void stopJournals() {
        journals.forEach(Journal::close);
    }

    private Journal journal(JournalConfig config) {
        Journal journal = store.journal(config, registry);
        journals.add(journal);
        return journal;
    }

    @Test
    void concurrentCallersCompleteAfterCommitInFarFewerTransactions() throws Exception {
        Journal journal = journal(StoreFixture.config(500, 10_000));
        journal.start();
        int threads = 8;
        int perThread = 125;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<MessageId>> accepted = new ArrayList<>();
        try {
            List<Future<List<CompletableFuture<MessageId>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                submitted.add(callers.submit(() -> {
                    List<CompletableFuture<MessageId>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(journal.submit(new InsertMessage(store.message("concurrent", "447700900001"))));
                    }
                    return futures;
                }));
            }
            for (Future<List<CompletableFuture<MessageId>>> result : submitted) {
                accepted.addAll(result.get());
            }
        } finally {
            callers.shutdownNow();
        }

        CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(accepted).allSatisfy(future -> assertThat(future).isCompletedWithValueMatching(id -> id != null));
        assertThat(store.count("SELECT count(*) FROM message WHERE system_id = 'concurrent'")).isEqualTo(1000);
        long transactions = registry.get("smsgate.journal.commits").tag("lane", "accept").timer().count();
        assertThat(transactions).isBetween(2L, 200L);
        assertThat(registry.get("smsgate.journal.batch.size").tag("lane", "accept").summary().totalAmount())
                .isEqualTo(1000);
        assertThat(registry.get("smsgate.journal.failures").tag("lane", "accept").counter().count()).isZero();
    }

    @Test
    void aFullQueueRefusesAtOnceWithoutBlocking() {
        Journal journal = journal(StoreFixture.config(2, 2)); // not started: nothing drains the queue
        CompletableFuture<MessageId> first = journal.submit(new InsertMessage(store.message("full", "1")));
        CompletableFuture<MessageId> second = journal.submit(new InsertMessage(store.message("full", "2")));

        CompletableFuture<MessageId> third = journal.submit(new InsertMessage(store.message("full", "3")));

        assertThat(third).isCompletedExceptionally();
        assertThatThrownBy(third::join).hasCauseInstanceOf(StoreOverloadedException.class)
                .hasMessageContaining("journal queue (accept): full at 2 writes (store.journal.queue-capacity)");
        assertThat(registry.get("smsgate.journal.refused").tag("lane", "accept").counter().count()).isEqualTo(1);
        assertThat(registry.get("smsgate.journal.queue.depth").tag("lane", "accept").gauge().value()).isEqualTo(2);

        journal.start();
        assertThat(first).succeedsWithin(Duration.ofSeconds(10));
        assertThat(second).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aFailedCommitFailsExactlyItsBatchAndTheJournalCarriesOn() throws Exception {
        NewMessage duplicate = store.message("failing", "1");
        Journal first = journal(StoreFixture.config(10, 100));
        first.start();
        first.submit(new InsertMessage(duplicate)).get(10, TimeUnit.SECONDS);
        Journal journal = journal(StoreFixture.config(10, 100)); // not started yet: the next three share a batch
        List<CompletableFuture<MessageId>> doomed = List.of(
                journal.submit(new InsertMessage(store.message("failing", "2"))),
                journal.submit(new InsertMessage(duplicate)),
                journal.submit(new InsertMessage(store.message("failing", "3"))));

        journal.start();

        assertThat(doomed).allSatisfy(future -> assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("journal commit of 3 writes")
                .hasMessageContaining("sqlstate=23505"));
        CompletableFuture<MessageId> after = journal.submit(new InsertMessage(store.message("failing", "4")));
        assertThat(after).succeedsWithin(Duration.ofSeconds(10));
        assertThat(store.count("SELECT count(*) FROM message WHERE system_id = 'failing'")).isEqualTo(2);
        assertThat(registry.get("smsgate.journal.failures").tag("lane", "accept").counter().count()).isEqualTo(1);
    }

    @Test
    void aFullStateLaneRefusesReceiptsButStillQueuesWhatNobodyWouldSendAgain() {
        Journal journal = journal(StoreFixture.config(2, 2)); // not started: nothing drains the queue
        journal.submit(new JournalWrite.CompleteOutbox(new MessageId(1)));
        journal.submit(new JournalWrite.CompleteOutbox(new MessageId(2)));

        CompletableFuture<Correlation> receipt = journal.submit(new JournalWrite.CorrelateReceipt("carrier", "c-1",
                MessageStatus.DELIVERED, Optional.of("DELIVRD"), Optional.empty(), Instant.now(), ReceiptNotice.NONE,
                MultipartReceipts.ALL_PARTS));
        CompletableFuture<Boolean> clientTookIt = journal.submit(new JournalWrite.CompleteOutbox(new MessageId(3)));

        // The carrier sends a refused receipt again; a client's deliver_sm_resp would never come again.
        assertThatThrownBy(receipt::join).hasCauseInstanceOf(StoreOverloadedException.class)
                .hasMessageContaining("journal queue (state): full at 2 writes");
        assertThat(clientTookIt).isNotDone();
        assertThat(registry.get("smsgate.journal.queue.depth").tag("lane", "state").gauge().value()).isEqualTo(3);
    }

    @Test
    void aKilledConnectionFailsTheBatchOnItAndTheJournalReconnects() throws Exception {
        Journal journal = journal(StoreFixture.config(10, 100));
        journal.start();
        journal.submit(new InsertMessage(store.message("killed", "1"))).get(10, TimeUnit.SECONDS);

        String journalSessions = "FROM pg_stat_activity WHERE application_name = '"
                + Journal.JOURNAL_APPLICATION_NAME + "' AND datname = current_database()";
        store.execute("SELECT pg_terminate_backend(pid) " + journalSessions);
        // pg_terminate_backend only signals the backend: wait until it is gone.
        await().atMost(Duration.ofSeconds(10)).until(() -> store.count("SELECT count(*) " + journalSessions) == 0);

        CompletableFuture<MessageId> onDeadConnection = journal.submit(new InsertMessage(store.message("killed", "2")));
        assertThatThrownBy(() -> onDeadConnection.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
        CompletableFuture<MessageId> afterReconnect = journal.submit(new InsertMessage(store.message("killed", "3")));
        assertThat(afterReconnect).succeedsWithin(Duration.ofSeconds(10));
        assertThat(store.count("SELECT count(*) FROM message WHERE system_id = 'killed'")).isEqualTo(2);
    }

    @Test
    void closingAJournalThatNeverStartedFailsWhatWasQueued() {
        Journal journal = journal(StoreFixture.config(10, 100));
        CompletableFuture<MessageId> queued = journal.submit(new InsertMessage(store.message("never", "1")));

        journal.close();

        assertThatThrownBy(queued::join).hasCauseInstanceOf(StoreOverloadedException.class)
                .hasMessageContaining("journal: closed before start");
    }

    @Test
    void closeCommitsEverythingQueuedThenRefusesNewWrites() throws Exception {
        Journal journal = journal(StoreFixture.config(7, 100));
        List<CompletableFuture<MessageId>> queued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            queued.add(journal.submit(new InsertMessage(store.message("flushed", Integer.toString(i)))));
        }
        journal.start();

        journal.close();

        assertThat(queued).allSatisfy(future -> assertThat(future).isCompleted().isNotCompletedExceptionally());
        assertThat(store.count("SELECT count(*) FROM message WHERE system_id = 'flushed'")).isEqualTo(50);
        CompletableFuture<MessageId> late = journal.submit(new InsertMessage(store.message("flushed", "late")));
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreOverloadedException.class).hasMessageContaining("journal: stopping");
    }
}
