package io.smsgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class WebhookDeliveryIT {

    private static final WebhookConfig FAST = WebhookConfig.DEFAULTS
            .withRetries(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofHours(26))
            .withBreaker(1000, Duration.ofSeconds(30));
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookFixture fixture;
    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void open(TestInfo test) throws Exception {
        fixture = new WebhookFixture("webhook_" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void close() throws Exception {
        for (Receiver receiver : receivers) {
            receiver.close();
        }
        fixture.close();
    }

    private Receiver receiver(java.util.function.BiConsumer<Integer, io.vertx.core.http.HttpServerRequest> script)
            throws Exception {
        Receiver receiver = new Receiver(fixture.vertx, script);
        receivers.add(receiver);
        return receiver;
    }

    private long enqueue(String orderKey, String url, int n) {
        return fixture.dispatcher.store().enqueue(WebhookFixture.ACCOUNT, "message.status", orderKey, url,
                "{\"message_id\": " + (1000 + n) + ", \"status\": \"S" + n + "\"}", Instant.now());
    }

    /** The receiver's side of Standard Webhooks: HMAC-SHA256 over id.timestamp.body with the whsec_ secret. */
    private static boolean verifies(String secret, Receiver.Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body())
                .getBytes(StandardCharsets.UTF_8));
        String wanted = "v1," + Base64.getEncoder().encodeToString(expected);
        return Set.of(request.signature().split(" ")).contains(wanted);
    }

    @Test
    void signsEachCallbackSoThatTheReceiverVerifiesIt() throws Exception {
        Receiver receiver = receiver(Receiver.always(204));
        WebhookDispatcher dispatcher = fixture.start(FAST);
        String secret = dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        long id = enqueue("msg:1", receiver.url("/status"), 1);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 1);
        Receiver.Received request = receiver.requests.get(0);
        assertThat(request.id()).isEqualTo("evt_" + id);
        assertThat(Long.parseLong(request.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(verifies(secret, request)).isTrue();
        assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), request)).isFalse();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("message.status");
        assertThat(body.path("data").path("status").asText()).isEqualTo("S1");
        assertThat(body.path("data").path("message_id").isTextual()).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.text(
                "SELECT state || ' ' || last_status FROM webhook_event WHERE event_id = " + id).equals("DELIVERED 204"));
    }

    @Test
    void signsWithBothSecretsDuringARotationsOverlap() throws Exception {
        Receiver receiver = receiver(Receiver.always(200));
        WebhookDispatcher dispatcher = fixture.start(FAST);
        String first = dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);
        String second = dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        enqueue("msg:1", receiver.url("/status"), 1);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 1);
        Receiver.Received request = receiver.requests.get(0);
        assertThat(request.signature().split(" ")).hasSize(2);
        assertThat(verifies(first, request)).isTrue();
        assertThat(verifies(second, request)).isTrue();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void receiverThatFailsThenRecoversGetsEveryEventOncePerIdInOrder() throws Exception {
        Receiver receiver = receiver((n, request) -> request.response().setStatusCode(n <= 4 ? 500 : 200).end());
        WebhookDispatcher dispatcher = fixture.start(FAST);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            expected.add("evt_" + enqueue("msg:42", receiver.url("/status"), i));
        }
        dispatcher.wake();

        await().atMost(20, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 5);
        assertThat(receiver.accepted()).containsExactlyElementsOf(expected);
        // In order also while failing: an event is never sent before the one ahead of it was accepted.
        List<String> sent = receiver.requests.stream().map(Receiver.Received::id).distinct().toList();
        assertThat(sent).containsExactlyElementsOf(expected);
        assertThat(fixture.meters.counter("smsgate.webhook.attempts", "outcome", "retried").count())
                .isEqualTo(4.0);
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        Receiver receiver = receiver((n, request) -> {
            if (n == 1) {
                request.response().setStatusCode(429).putHeader("Retry-After", "1").end();
            } else {
                request.response().setStatusCode(200).end();
            }
        });
        WebhookDispatcher dispatcher = fixture.start(FAST);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        enqueue("msg:1", receiver.url("/status"), 1);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 1);
        Duration gap = Duration.between(receiver.requests.get(0).at(), receiver.requests.get(1).at());
        // The backoff alone (20 ms base) would retry at once; only the Retry-After of 1 s explains the wait.
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(receiver.requests).hasSize(2);
    }

    @Test
    void deadLettersARefusalAndReplaysIt() throws Exception {
        Receiver receiver = receiver(Receiver.always(400));
        WebhookDispatcher dispatcher = fixture.start(FAST);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        long id = enqueue("msg:7", receiver.url("/status"), 7);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() ->
                dispatcher.store().deadLetters(WebhookFixture.ACCOUNT, 0, 10).size() == 1);
        WebhookStore.DeadLetter letter = dispatcher.store().deadLetters(WebhookFixture.ACCOUNT, 0, 10).get(0);
        assertThat(letter.eventId()).isEqualTo(id);
        assertThat(letter.lastStatus()).contains(400);
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(receiver.requests).hasSize(1); // 4xx other than 408/425/429: never retried

        receiver.script(Receiver.always(200));
        assertThat(dispatcher.store().replay(WebhookFixture.ACCOUNT, Optional.of(id), Instant.now())).isEqualTo(1);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted()).containsExactly("evt_" + id);
        assertThat(dispatcher.store().deadLetters(WebhookFixture.ACCOUNT, 0, 10)).isEmpty();
    }

    @Test
    void deadLettersAfterTheRetryHorizon() throws Exception {
        Receiver receiver = receiver(Receiver.always(503));
        WebhookDispatcher dispatcher = fixture.start(FAST.withRetries(Duration.ofMillis(20), Duration.ofMillis(50),
                Duration.ofMillis(300)));
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        long id = enqueue("msg:8", receiver.url("/status"), 8);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.text(
                "SELECT state FROM webhook_event WHERE event_id = " + id).equals("DEAD"));
        assertThat(receiver.requests.size()).isGreaterThan(1);
        assertThat(dispatcher.store().deadLetters(WebhookFixture.ACCOUNT, 0, 10).get(0).lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("retry horizon"));
    }

    @Test
    void triesTheFailoverUrlOnTheSecondAttempt() throws Exception {
        Receiver primary = receiver(Receiver.always(503));
        Receiver failover = receiver(Receiver.always(200));
        WebhookDispatcher dispatcher = fixture.start(FAST);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);
        dispatcher.store().setUrls(WebhookFixture.ACCOUNT, Optional.empty(), Optional.of(failover.url("/backup")),
                Instant.now());

        long id = enqueue("msg:9", primary.url("/status"), 9);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> failover.accepted().size() == 1);
        assertThat(primary.requests).hasSize(1);
        assertThat(failover.accepted()).containsExactly("evt_" + id);
    }

    @Test
    void slowEndpointDoesNotDelayAnother() throws Exception {
        Receiver slow = receiver((n, request) -> { }); // holds every request unanswered
        Receiver fast = receiver(Receiver.always(200));
        WebhookDispatcher dispatcher = fixture.start(FAST.withConcurrency(4, 1000));
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        for (int i = 0; i < 200; i++) {
            enqueue("msg:slow" + i, slow.url("/status"), i);
        }
        for (int i = 0; i < 50; i++) {
            enqueue("msg:fast" + i, fast.url("/status"), i);
        }
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> fast.accepted().size() == 50);
        assertThat(slow.accepted()).isEmpty();
        assertThat(slow.requests).hasSizeLessThanOrEqualTo(4); // its concurrency limit
    }

    @Test
    void slowEndpointsBacklogFarBeyondOneClaimDoesNotDelayAnother() throws Exception {
        Receiver slow = receiver((n, request) -> { }); // holds every request unanswered
        Receiver fast = receiver(Receiver.always(200));
        // 25 events of one origin held at most: the slow origin's 5,000 older events fill its share at once, and
        // every later claim must still find the fast origin's events behind them.
        WebhookDispatcher dispatcher = fixture.start(FAST.withConcurrency(4, 100));
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);
        fixture.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data) "
                + "SELECT 'acme', 'message.status', 'msg:slow' || g, '" + slow.url("/status") + "', '{}' "
                + "FROM generate_series(1, 5000) g");
        for (int i = 0; i < 50; i++) {
            enqueue("msg:fast" + i, fast.url("/status"), i);
        }
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> fast.accepted().size() == 50);
        assertThat(slow.requests).hasSizeLessThanOrEqualTo(4);
        assertThat(dispatcher.held()).isLessThanOrEqualTo(100);
    }

    @Test
    void opensAnOriginsBreakerAfterConsecutiveFailuresAndCountsTheTransition() throws Exception {
        Receiver failing = receiver(Receiver.always(503));
        // A failed event is retried half a minute to a minute later, never within the test: the three failures are
        // three different events however the claims interleave with the inserts (at FAST's 20 ms, a retry of the
        // first could be claimed before an event inserted after it, and the breaker opened on two events, not three).
        WebhookDispatcher dispatcher = fixture.start(FAST.withRetries(Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofHours(26)).withConcurrency(1, 1000).withBreaker(3, Duration.ofHours(1)));
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);
        for (int i = 0; i < 10; i++) {
            enqueue("msg:b" + i, failing.url("/status"), i);
        }
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> breakerOpenings() == 1.0);
        assertThat(fixture.meters.get("smsgate.webhook.breakers.open").gauge().value()).isEqualTo(1.0);
        // Open for an hour: the events still held go back to the queue, postponed, and nothing more is sent. An event
        // leaves held() when its settlement is queued, and reaches the store a cycle later: wait for the store.
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(fixture.text(
                "SELECT count(*) FILTER (WHERE last_status = 503) || ' retried, ' || count(*) FILTER (WHERE "
                        + "next_attempt_at > now() + interval '50 minutes') || ' postponed' FROM webhook_event "
                        + "WHERE state = 'PENDING'")).isEqualTo("3 retried, 7 postponed"));
        assertThat(dispatcher.held()).isZero();
        assertThat(failing.arrived()).isEqualTo(3);
        assertThat(breakerOpenings()).isEqualTo(1.0);
    }

    private double breakerOpenings() {
        return fixture.meters.counter("smsgate.webhook.breaker.transitions", "state", "open").count();
    }

    @Test
    void refusedAddressIsDeadLetteredWithoutRetry() throws Exception {
        WebhookDispatcher dispatcher = fixture.start(FAST);
        dispatcher.secrets().rotate(WebhookFixture.ACCOUNT);

        long id = enqueue("msg:10", "http://169.254.169.254/latest/meta-data/", 10);
        dispatcher.wake();

        await().atMost(10, TimeUnit.SECONDS).until(() -> fixture.text(
                "SELECT state FROM webhook_event WHERE event_id = " + id).equals("DEAD"));
        assertThat(fixture.text("SELECT last_error FROM webhook_event WHERE event_id = " + id))
                .contains("link-local");
    }
}
