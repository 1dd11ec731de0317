package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One callback claimed for delivery: its id (the webhook-id), account, type, target URL and origin, the event data
 * as stored (JSON), and this attempt's number (1 for the first).
 */
record WebhookEvent(long eventId, String systemId, String type, String url, String endpoint, String data,
                    int attempt, Instant retryFrom, Instant createdAt) {

    WebhookEvent {
        requireNonNull(systemId, "systemId");
        requireNonNull(type, "type");
        requireNonNull(url, "url");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(data, "data");
        requireNonNull(retryFrom, "retryFrom");
        requireNonNull(createdAt, "createdAt");
    }

    /** The Standard Webhooks webhook-id: stable over every attempt and replay, the receivers' dedup key. */
    String webhookId() {
        return "evt_" + eventId;
    }
}
