package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PortabilityCacheTest {
    private static final Instant NOW = RouterTest.NOW;
    private static final MccMnc O2 = new MccMnc("234", "10");

    private final List<String> lookups = new ArrayList<>();
    private final PortabilityCache cache = new PortabilityCache(number -> {
        lookups.add(number);
        return CompletableFuture.completedFuture(number.endsWith("1") ? Optional.of(O2) : Optional.empty());
    }, 2, Duration.ofHours(1));

    @Test
    void answersFromTheCacheUntilTheTtlEnds() {
        assertThat(cache.network("447700900001", NOW).toCompletableFuture().join()).contains(O2);
        assertThat(cache.network("447700900001", NOW.plusSeconds(3599)).toCompletableFuture().join()).contains(O2);
        assertThat(lookups).hasSize(1);
        assertThat(cache.network("447700900001", NOW.plusSeconds(3600)).toCompletableFuture().join()).contains(O2);
        assertThat(lookups).hasSize(2);
    }

    @Test
    void cachesThatANumberIsNotPorted() {
        assertThat(cache.network("447700900002", NOW).toCompletableFuture().join()).isEmpty();
        assertThat(cache.cached("447700900002", NOW)).contains(Optional.empty());
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsSize() {
        cache.put("1", Optional.empty(), NOW);
        cache.put("2", Optional.empty(), NOW);
        cache.cached("1", NOW);
        cache.put("3", Optional.empty(), NOW);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.cached("2", NOW)).isEmpty();
        assertThat(cache.cached("1", NOW)).isPresent();
    }
}
