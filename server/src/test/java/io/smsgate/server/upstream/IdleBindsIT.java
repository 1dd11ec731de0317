package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded CI form of issue 4's "10,000 idle upstream binds at most 1 GiB heap" (bench/idle-binds.sh measures
 * the full figure against a running server): 1,000 idle binds, each held alive by answering enquire_link, cost the
 * JVM at most the per-bind share of that budget in heap after GC.
 */
@Timeout(300)
class IdleBindsIT {

    private static final Logger log = LoggerFactory.getLogger(IdleBindsIT.class);
    private static final int WARM_UP = 100;
    private static final int BINDS = 1_000;
    /** 1 GiB over 10,000 binds; the measured heap includes this JVM's client side of each connection too. */
    private static final long BUDGET_PER_BIND = (1L << 30) / 10_000;

    private static UpstreamFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new UpstreamFixture("idle_binds_it", List.of(
                AccountConfig.of("idle", "secret1", List.of("127.0.0.1/32")).withMaxBinds(WARM_UP + BINDS)),
                config -> config);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aThousandIdleBindsStayWithinTheirShareOfTheHeapBudget() throws Exception {
        try (IdleBinds warm = open(WARM_UP)) {
            long before = usedHeapAfterGc();
            try (IdleBinds idle = open(BINDS)) {
                long after = usedHeapAfterGc();
                long perBind = (after - before) / BINDS;
                log.info("idle binds count={} heap_before={} heap_after={} per_bind_bytes={}", BINDS, before, after,
                        perBind);
                assertThat(idle.lost()).isZero();
                assertThat(perBind).isLessThanOrEqualTo(BUDGET_PER_BIND);
            }
            assertThat(warm.lost()).isZero();
        }
    }

    private static IdleBinds open(int count) throws Exception {
        IdleBinds binds = new IdleBinds(fixture.server.localAddress(), "idle", "secret1", count, 32);
        await().atMost(Duration.ofSeconds(120)).until(() -> binds.bound() == count || binds.givenUp());
        assertThat(binds.bound()).isEqualTo(count);
        return binds;
    }

    /** Heap in use after a full collection (System.gc() is a full collection with G1 unless disabled). */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
