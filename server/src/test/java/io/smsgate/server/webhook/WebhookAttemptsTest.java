package io.smsgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsgate.server.store.RetentionConfig;
import io.smsgate.server.store.StoreRetention;
import io.smsgate.server.webhook.WebhookStore.Attempt;
import io.smsgate.server.webhook.WebhookStore.Settlement;
import io.smsgate.server.webhook.WebhookStore.Settlement.State;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Every attempt of a webhook event is on record (webhook_attempt, V104), written with its settle batch. */
class WebhookAttemptsTest {

    private static final String PRIMARY = "http://127.0.0.1:9/status";
    private static final String FAILOVER = "http://127.0.0.1:10/backup";

    // PostgreSQL keeps microseconds: a whole-millisecond start reads back equal.
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private WebhookFixture fixture;
    private WebhookStore store;

    @BeforeEach
    void open(TestInfo test) throws Exception {
        fixture = new WebhookFixture("attempts_" + test.getTestMethod().orElseThrow().getName());
        store = new WebhookStore(fixture.database.dataSource());
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void writesEachTriedAttemptOfABatchButNotAPostponedOne() throws Exception {
        long delivered = enqueue(1);
        long retried = enqueue(2);
        long postponed = enqueue(3);
        List<WebhookEvent> events = claim();
        assertThat(events).extracting(WebhookEvent::eventId).containsExactly(delivered, retried, postponed);

        store.settle(List.of(
                new Settlement(delivered, State.DELIVERED, Optional.empty(), Optional.of(204), Optional.empty(),
                        Optional.of(tried(events.get(0), FAILOVER, true, 15))),
                new Settlement(retried, State.RETRY, Optional.of(now.plusSeconds(30)), Optional.of(500),
                        Optional.of("status 500"), Optional.of(tried(events.get(1), PRIMARY, false, 250))),
                new Settlement(postponed, State.POSTPONED, Optional.of(now.plusSeconds(30)), Optional.empty(),
                        Optional.of("breaker open"), Optional.empty())), now);

        assertThat(log(1)).containsExactly(new Attempt(1, now, Optional.of(Duration.ofMillis(15)), FAILOVER, true,
                Attempt.Outcome.DELIVERED, Optional.of(204), Optional.empty()));
        assertThat(log(2)).containsExactly(new Attempt(1, now, Optional.of(Duration.ofMillis(250)), PRIMARY, false,
                Attempt.Outcome.RETRY, Optional.of(500), Optional.of("status 500")));
        assertThat(log(3)).isEmpty();
        assertThat(fixture.text("SELECT count(*) FROM webhook_attempt")).isEqualTo("2");
    }

    @Test
    void numbersAttemptsAcrossRetriesAndAReplayWhileTheRetryCountStartsAgain() {
        long id = enqueue(4);

        WebhookEvent first = claim().get(0);
        store.settle(List.of(retry(first, "timeout: 5s")), now);
        WebhookEvent second = claim().get(0);
        store.settle(List.of(new Settlement(id, State.DEAD, Optional.empty(), Optional.of(400),
                Optional.of("status 400"), Optional.of(tried(second, FAILOVER, true, 3)))), now);

        assertThat(store.deadLetters(WebhookFixture.ACCOUNT, 0, 10)).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(2);
            assertThat(letter.attemptLog()).extracting(Attempt::number, Attempt::outcome, Attempt::error)
                    .containsExactly(
                            tuple(1, Attempt.Outcome.RETRY, Optional.of("timeout: 5s")),
                            tuple(2, Attempt.Outcome.DEAD, Optional.of("status 400")));
        });

        assertThat(store.replay(WebhookFixture.ACCOUNT, Optional.of(id), now)).isEqualTo(1);
        WebhookEvent replayed = claim().get(0);
        assertThat(replayed.attempt()).as("attempts since the replay").isEqualTo(1);
        assertThat(replayed.loggedAttempt()).as("number in the attempt log").isEqualTo(3);
        store.settle(List.of(new Settlement(id, State.DELIVERED, Optional.empty(), Optional.of(200),
                Optional.empty(), Optional.of(tried(replayed, PRIMARY, false, 7)))), now);

        List<Attempt> log = log(4);
        assertThat(log).extracting(Attempt::number).containsExactly(1, 2, 3);
        assertThat(log).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.RETRY, Attempt.Outcome.DEAD,
                Attempt.Outcome.DELIVERED);
        assertThat(log).extracting(Attempt::status).containsExactly(Optional.empty(), Optional.of(400),
                Optional.of(200));
        assertThat(store.ofMessage(WebhookFixture.ACCOUNT, 4, 10)).singleElement()
                .satisfies(webhook -> assertThat(webhook.attempts()).isEqualTo(1));
    }

    @Test
    void aPostponedClaimDoesNotUseUpAnAttemptNumber() {
        enqueue(5);

        WebhookEvent held = claim().get(0);
        store.settle(List.of(new Settlement(held.eventId(), State.POSTPONED, Optional.of(now), Optional.empty(),
                Optional.of("breaker open"), Optional.empty())), now);
        WebhookEvent sent = claim().get(0);
        store.settle(List.of(retry(sent, "status 503")), now);

        assertThat(sent.loggedAttempt()).isEqualTo(1);
        assertThat(log(5)).extracting(Attempt::number).containsExactly(1);
    }

    @Test
    void anAttemptNumberWrittenTwiceKeepsTheFirstAndTheBatchGoesThrough() {
        enqueue(6);
        long other = enqueue(7);
        List<WebhookEvent> events = claim();

        store.settle(List.of(retry(events.get(0), "network: reset")), now);
        // A node whose lease ran out settles the same attempt number late, in a batch with another event's outcome.
        store.settle(List.of(retry(events.get(0), "timeout: 5s"), new Settlement(other, State.DELIVERED,
                Optional.empty(), Optional.of(200), Optional.empty(), Optional.of(tried(events.get(1), PRIMARY, false,
                        1)))), now);

        assertThat(log(6)).singleElement().satisfies(a -> assertThat(a.error()).contains("network: reset"));
        assertThat(log(7)).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.DELIVERED);
        assertThat(store.ofMessage(WebhookFixture.ACCOUNT, 7, 10).get(0).state())
                .isEqualTo(WebhookStore.MessageWebhook.State.DELIVERED);
    }

    @Test
    void keepsAnErrorOfAtMostFiveHundredCharactersAndNoDurationWhenNothingWasSent() {
        enqueue(8);
        WebhookEvent event = claim().get(0);

        store.settle(List.of(new Settlement(event.eventId(), State.RETRY, Optional.of(now), Optional.empty(),
                Optional.of("x".repeat(2000)), Optional.of(new Settlement.Tried(event.loggedAttempt(), PRIMARY, false,
                        now, Optional.empty())))), now);

        Attempt attempt = log(8).get(0);
        assertThat(attempt.error()).hasValueSatisfying(e -> assertThat(e).hasSize(WebhookStore.ATTEMPT_ERROR_MAX));
        assertThat(attempt.duration()).isEmpty();
    }

    @Test
    void showsTheLastTwentyAttemptsOldestFirst() throws Exception {
        long id = enqueue(9);
        fixture.execute("INSERT INTO webhook_attempt (event_id, attempt, started_at, duration_ms, url, failover, "
                + "outcome, status, error) SELECT " + id + ", g, now(), 10, '" + PRIMARY + "', false, 'RETRY', 503, "
                + "'status 503' FROM generate_series(1, 25) g");

        List<Attempt> log = log(9);

        assertThat(log).hasSize(WebhookStore.ATTEMPT_LOG_MAX);
        assertThat(log).extracting(Attempt::number).first().isEqualTo(6);
        assertThat(log).extracting(Attempt::number).isSorted().last().isEqualTo(25);
    }

    @Test
    void retentionDeletesTheAttemptsWithTheirEventOnly() throws Exception {
        long gone = enqueue(10);
        long dead = enqueue(11);
        long kept = enqueue(12);
        List<WebhookEvent> events = claim();
        store.settle(List.of(
                new Settlement(gone, State.DELIVERED, Optional.empty(), Optional.of(200), Optional.empty(),
                        Optional.of(tried(events.get(0), PRIMARY, false, 2))),
                new Settlement(dead, State.DEAD, Optional.empty(), Optional.of(410), Optional.of("status 410"),
                        Optional.of(tried(events.get(1), PRIMARY, false, 2))),
                retry(events.get(2), "status 502")), now);

        // Long after both settled, while the third is still pending.
        Instant later = now.plus(Duration.ofDays(RetentionConfig.DEFAULTS.deadLetterDays()
                + RetentionConfig.DEFAULTS.webhookDays() + 1));
        StoreRetention.Outcome outcome = new StoreRetention(fixture.database.dataSource(), RetentionConfig.DEFAULTS,
                new SimpleMeterRegistry()).run(later);

        assertThat(outcome.webhooksDeliveredPurged()).isEqualTo(1);
        assertThat(outcome.webhooksDeadPurged()).isEqualTo(1);
        assertThat(fixture.text("SELECT string_agg(event_id::text, ',') FROM webhook_attempt"))
                .isEqualTo(Long.toString(kept));
    }

    @Test
    void anAttemptIsRecordedExactlyWhenTheEventWasTried() {
        Settlement.Tried tried = new Settlement.Tried(1, PRIMARY, false, now, Optional.empty());

        assertThatThrownBy(() -> new Settlement(1, State.POSTPONED, Optional.of(now), Optional.empty(),
                Optional.empty(), Optional.of(tried))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: tried unless postponed");
        assertThatThrownBy(() -> new Settlement(1, State.RETRY, Optional.of(now), Optional.empty(),
                Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settlement.Tried(0, PRIMARY, false, now, Optional.empty()))
                .hasMessage("attempt: 0 (expected: >= 1)");
    }

    private long enqueue(int message) {
        return store.enqueue(WebhookFixture.ACCOUNT, "message.status", "msg:" + message, PRIMARY,
                "{\"message_id\": " + message + ", \"status\": \"DELIVERED\"}", now);
    }

    private List<WebhookEvent> claim() {
        return store.settleAndClaim(List.of(), now, new WebhookStore.Claim(100, 100, Set.of(), now.plusSeconds(60)));
    }

    private Settlement retry(WebhookEvent event, String error) {
        return new Settlement(event.eventId(), State.RETRY, Optional.of(now), Optional.empty(), Optional.of(error),
                Optional.of(tried(event, PRIMARY, false, 5000)));
    }

    private Settlement.Tried tried(WebhookEvent event, String url, boolean failover, long millis) {
        return new Settlement.Tried(event.loggedAttempt(), url, failover, now, Optional.of(Duration.ofMillis(millis)));
    }

    private List<Attempt> log(int message) {
        return store.ofMessage(WebhookFixture.ACCOUNT, message, 10).stream()
                .flatMap(webhook -> webhook.attemptLog().stream()).toList();
    }
}
