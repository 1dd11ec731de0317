package io.smsgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdGeneratorTest {

    private static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
    private final MutableClock clock = new MutableClock(NOON);

    @Test
    void idsAreUniqueUnderConcurrency() throws Exception {
        MessageIdGenerator generator = new MessageIdGenerator(clock, 7);
        int threads = 8;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<MessageId>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<MessageId>> task = () -> {
                    List<MessageId> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(generator.next());
                        if (i % 1000 == 0) {
                            clock.advance(Duration.ofMillis(1));
                        }
                    }
                    return ids;
                };
                results.add(pool.submit(task));
            }
            Set<MessageId> all = new HashSet<>();
            for (Future<List<MessageId>> result : results) {
                List<MessageId> ids = result.get();
                assertThat(ids).isSorted(); // each thread sees increasing ids
                all.addAll(ids);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idsIncreaseAndCarryTheirTimeAndNode() {
        MessageIdGenerator generator = new MessageIdGenerator(clock, 1023);
        MessageId first = generator.next();
        clock.advance(Duration.ofMillis(5));
        MessageId second = generator.next();

        assertThat(second).isGreaterThan(first);
        assertThat(first.createdAt()).isEqualTo(NOON);
        assertThat(second.createdAt()).isEqualTo(NOON.plusMillis(5));
        assertThat(second.nodeId()).isEqualTo(1023);
        assertThat(second.toString()).hasSize(16).matches("[0-9a-f]{16}").isGreaterThan(first.toString());
    }

    @Test
    void idsKeepIncreasingWhenTheClockStepsBack() {
        MessageIdGenerator generator = new MessageIdGenerator(clock, 3);
        MessageId beforeStep = generator.next();
        clock.set(NOON.minusSeconds(3600));

        MessageId afterStep = generator.next();
        MessageId later = generator.next();

        assertThat(afterStep).isGreaterThan(beforeStep);
        assertThat(later).isGreaterThan(afterStep);
        assertThat(afterStep.createdAt()).isEqualTo(NOON);
    }

    @Test
    void moreThanOneMillisecondOfSequenceBorrowsTheNextMillisecond() {
        MessageIdGenerator generator = new MessageIdGenerator(clock, 0);
        MessageId previous = generator.next();
        for (int i = 0; i < 5000; i++) {
            MessageId next = generator.next();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
        assertThat(previous.createdAt()).isEqualTo(NOON.plusMillis(1));
    }

    @Test
    void aRestartedNodeContinuesAfterItsLastStoredIdEvenWithAClockBehindIt() {
        MessageId issuedBefore = new MessageIdGenerator(clock, 5).next();
        clock.set(NOON.minusSeconds(60));

        MessageId afterRestart = new MessageIdGenerator(clock, 5, Optional.of(issuedBefore)).next();

        assertThat(afterRestart).isGreaterThan(issuedBefore);
    }

    @Test
    void differentNodesNeverIssueTheSameId() {
        MessageId a = new MessageIdGenerator(clock, 1).next();
        MessageId b = new MessageIdGenerator(clock, 2).next();

        assertThat(a).isNotEqualTo(b);
        assertThat(a.createdAt()).isEqualTo(b.createdAt());
    }

    @Test
    void parsesWhatItPrints() {
        MessageId id = new MessageIdGenerator(clock, 9).next();

        assertThat(MessageId.parse(id.toString())).contains(id);
        assertThat(MessageId.parse(id.toString().toUpperCase())).contains(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        too short          | 0a1b2c
        too long           | 0a1b2c3d4e5f607182
        not hex            | 0a1b2c3d4e5f607z
        sign bit set       | 8000000000000000
        empty              | ''
        """)
    void refusesTextThatCannotBeOurId(String caseName, String text) {
        assertThat(MessageId.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "node {0}")
    @CsvSource({"-1", "1024"})
    void refusesANodeIdOutsideTenBits(int nodeId) {
        assertThatThrownBy(() -> new MessageIdGenerator(clock, nodeId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node.id: " + nodeId + " (expected: 0..1023)");
    }
}
