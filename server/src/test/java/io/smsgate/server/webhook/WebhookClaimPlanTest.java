package io.smsgate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claim after a quiet period: statistics taken while every event was delivered, then a burst of 50,000 pending
 * events queued before any new analysis (V090, WebhookStore.CLAIM).
 */
class WebhookClaimPlanTest {

    private static final int BURST = 50_000;
    private static final int PER_ENDPOINT = 250;

    private static WebhookFixture fixture;

    @BeforeAll
    static void quietPeriodThenBurst() throws Exception {
        fixture = new WebhookFixture("webhook_claim_plan");
        queue(200, "DELIVERED");
        fixture.execute("ANALYZE webhook_event");
        // Two events per message, so that the in-order check has something to hold back.
        queue(BURST, "PENDING");
        // Three attempts of every event, and thirty of one long-failing event.
        fixture.execute("INSERT INTO webhook_attempt (event_id, attempt, started_at, duration_ms, url, failover, "
                + "outcome, status, error) SELECT event_id, a, now(), 10, url, false, 'RETRY', 503, 'status 503' "
                + "FROM webhook_event CROSS JOIN generate_series(1, 3) a");
        fixture.execute("INSERT INTO webhook_attempt (event_id, attempt, started_at, url, failover, outcome) "
                + "SELECT 1000, a, now(), 'http://127.0.0.1:9/hooks', false, 'RETRY' FROM generate_series(4, 30) a");
        fixture.execute("ANALYZE webhook_attempt");
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @Test
    void claimReadsFewBuffersOnStatisticsTakenBeforeTheBurst() throws Exception {
        // Before V090 and the scalar in-order probe: 396,000 buffers (6 to 14 s) for this claim of 250.
        assertThat(claimBuffers()).isBetween(1L, 20_000L);
    }

    @Test
    void burstKeepsNoStatisticsOnTheStateColumn() throws Exception {
        fixture.execute("ANALYZE webhook_event");
        assertThat(fixture.text("SELECT count(*) FROM pg_stats WHERE tablename = 'webhook_event' AND attname = 'state'"))
                .isEqualTo("0");
        assertThat(claimBuffers()).isBetween(1L, 20_000L);
    }

    @Test
    void claimTakesOnlyTheOldestPendingEventOfEachMessage() throws Exception {
        Instant now = Instant.now();
        List<WebhookEvent> events = new WebhookStore(fixture.database.dataSource()).settleAndClaim(List.of(), now,
                new WebhookStore.Claim(1000, PER_ENDPOINT, Set.of(), now.plusSeconds(60)));

        assertThat(events).hasSize(PER_ENDPOINT);
        try (Connection connection = fixture.database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*) FROM webhook_event e
                      WHERE e.event_id = ANY (?)
                        AND EXISTS (SELECT 1 FROM webhook_event p WHERE p.order_key = e.order_key
                                       AND p.state = 'PENDING' AND p.event_id < e.event_id)""")) {
            statement.setArray(1, connection.createArrayOf("bigint",
                    events.stream().map(WebhookEvent::eventId).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).as("claimed events with an older pending event of their message")
                        .isZero();
            }
        }
    }

    @Test
    void aMessagesCallbacksAreReadByItsIndexAmongFiftyThousand() throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + WebhookStore.OF_MESSAGE)) {
            statement.setString(1, "msg:20000");
            statement.setString(2, "acme");
            statement.setInt(3, 200);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                String text = rows.getString(1);
                JsonNode plan = new ObjectMapper().readTree(text).get(0).get("Plan");
                assertThat(plan.get("Actual Rows").asLong()).as("events of the message").isEqualTo(2);
                assertThat(text).as(text).contains("\"Index Name\": \"webhook_event_message\"")
                        .doesNotContain("Seq Scan");
                assertThat(plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong())
                        .as(text).isLessThan(20);
            }
        }
    }

    @Test
    void theAttemptLogsOfAPageOfEventsAreReadByPrimaryKeyRangesAmongOneHundredFiftyThousand() throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + WebhookStore.ATTEMPT_LOG)) {
            // A dead-letter page's worth of ids (500), one of them the event with 30 attempts.
            statement.setArray(1, connection.createArrayOf("bigint",
                    LongStream.rangeClosed(801, 1300).boxed().toArray()));
            statement.setInt(2, WebhookStore.ATTEMPT_LOG_MAX);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                String text = rows.getString(1);
                JsonNode plan = new ObjectMapper().readTree(text).get(0).get("Plan");
                assertThat(plan.get("Actual Rows").asLong()).as("attempts read").isEqualTo(499 * 3 + 20);
                assertThat(text).as(text).contains("\"Index Name\": \"webhook_attempt_pkey\"")
                        .doesNotContain("Seq Scan").doesNotContain("\"Sort\"");
                // About three buffers per id (a descent of the key's index, then the heap page).
                assertThat(plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong())
                        .as(text).isLessThan(5_000);
            }
        }
    }

    @Test
    void aMessagesCallbacksAreItsAccountsOnlyInEventOrder() {
        WebhookStore store = new WebhookStore(fixture.database.dataSource());

        // Message 50 has two delivered events (the quiet period's) and two pending ones (the burst's).
        List<WebhookStore.MessageWebhook> webhooks = store.ofMessage("acme", 50, 200);

        assertThat(webhooks).extracting(WebhookStore.MessageWebhook::eventId).hasSize(4).isSorted();
        assertThat(webhooks).extracting(WebhookStore.MessageWebhook::state).containsExactly(
                WebhookStore.MessageWebhook.State.DELIVERED, WebhookStore.MessageWebhook.State.DELIVERED,
                WebhookStore.MessageWebhook.State.PENDING, WebhookStore.MessageWebhook.State.PENDING);
        assertThat(webhooks).allSatisfy(w -> {
            assertThat(w.type()).isEqualTo("message.status");
            assertThat(w.webhookId()).isEqualTo("evt_" + w.eventId());
            assertThat(w.nextAttemptAt().isPresent()).isEqualTo(w.state() == WebhookStore.MessageWebhook.State.PENDING);
        });
        assertThat(store.ofMessage("acme", 50, 3)).hasSize(3);
        assertThat(store.ofMessage("other", 50, 200)).isEmpty();
        assertThat(store.ofMessage("acme", 1_000_000, 200)).isEmpty();
    }

    private static void queue(int events, String state) throws Exception {
        fixture.execute("INSERT INTO webhook_event (system_id, event_type, order_key, url, data, state) "
                + "SELECT 'acme', 'message.status', 'msg:' || (g / 2), 'http://127.0.0.1:9/hooks', "
                + "jsonb_build_object('message_id', g / 2), '" + state + "' FROM generate_series(1, " + events
                + ") g");
    }

    // EXPLAIN ANALYZE runs the UPDATE: in a transaction rolled back, with the settings WebhookStore's has.
    private static long claimBuffers() throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute(WebhookStore.KEY_LOOKUPS_ONLY);
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + WebhookStore.CLAIM)) {
                Timestamp now = Timestamp.from(Instant.now());
                statement.setTimestamp(1, now);
                statement.setInt(2, PER_ENDPOINT);
                statement.setArray(3, connection.createArrayOf("text", new Object[0]));
                statement.setInt(4, 1000);
                statement.setTimestamp(5, Timestamp.from(Instant.now().plusSeconds(60)));
                statement.setTimestamp(6, now);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    JsonNode plan = new ObjectMapper().readTree(rows.getString(1)).get(0).get("Plan");
                    assertThat(plan.get("Actual Rows").asLong()).as("events claimed").isEqualTo(PER_ENDPOINT);
                    return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
