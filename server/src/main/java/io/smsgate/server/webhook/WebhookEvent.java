package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One callback claimed for delivery: its id (the webhook-id), account, type, target URL and origin, the event data
 * as stored (JSON), this attempt's number since the event was queued or last replayed (1 for the first; it drives
 * backoff and the failover alternation), and the attempts made before its last replay.
 */
record WebhookEvent(long eventId, String systemId, String type, String url, String endpoint, String data,
                    int attempt, int replayedAttempts, Instant retryFrom, Instant createdAt) {

    WebhookEvent {
        requireNonNull(systemId, "systemId");
        requireNonNull(type, "type");
        requireNonNull(url, "url");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(data, "data");
        requireNonNull(retryFrom, "retryFrom");
        requireNonNull(createdAt, "createdAt");
    }

    /** This attempt's number in the event's attempt log (webhook_attempt, V104), which counts across replays. */
    int loggedAttempt() {
        return replayedAttempts + attempt;
    }

    /** The Standard Webhooks webhook-id: stable over every attempt and replay, the receivers' dedup key. */
    String webhookId() {
        return "evt_" + eventId;
    }
}
