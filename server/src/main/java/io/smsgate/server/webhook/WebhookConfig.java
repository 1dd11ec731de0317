package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Base64;

/**
 * The {@code webhooks:} section: how status and MO callbacks are delivered (issue #6, Webhooks).
 *
 * @param pollInterval {@code webhooks.poll-interval}, how often due events are looked for without a wake-up
 * @param batch {@code webhooks.batch}, events held in memory (claimed, waiting or in flight) at most
 * @param maxConcurrencyPerEndpoint {@code webhooks.max-concurrency-per-endpoint}, requests in flight per origin
 * @param retryBase {@code webhooks.retry-base}, the first retry delay, doubled per attempt, with jitter
 * @param retryMax {@code webhooks.retry-max}, the longest backoff between two attempts (a Retry-After is honoured beyond it)
 * @param retryHorizon {@code webhooks.retry-horizon}, how long an event is retried before the dead letter
 * @param breakerFailures {@code webhooks.breaker-failures}, consecutive failures that open an origin's breaker
 * @param breakerOpen {@code webhooks.breaker-open}, how long it stays open before one probe
 * @param lease {@code webhooks.lease}, how long a claimed event is this node's before another may take it
 * @param rotationOverlap {@code webhooks.rotation-overlap}, how long a rotated secret keeps signing
 * @param masterKey {@code webhooks.master-key}, base64 of 32 octets sealing the signing secrets (env
 *                  SMSGATE__WEBHOOKS__MASTER_KEY); never logged
 */
public record WebhookConfig(Duration pollInterval, int batch, int maxConcurrencyPerEndpoint, Duration retryBase,
                            Duration retryMax, Duration retryHorizon, int breakerFailures, Duration breakerOpen,
                            Duration lease, Duration rotationOverlap, String masterKey) {

    public static final WebhookConfig DEFAULTS = new WebhookConfig(Duration.ofMillis(250), 1000, 16,
            Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(26), 5, Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofHours(24), "");

    public WebhookConfig {
        positive("webhooks.poll-interval", pollInterval);
        positive("webhooks.retry-base", retryBase);
        positive("webhooks.retry-max", retryMax);
        positive("webhooks.retry-horizon", retryHorizon);
        positive("webhooks.breaker-open", breakerOpen);
        positive("webhooks.lease", lease);
        requireNonNull(rotationOverlap, "rotationOverlap");
        requireNonNull(masterKey, "masterKey");
        if (batch < 1) {
            throw new IllegalArgumentException("webhooks.batch: " + batch + " (expected: >= 1)");
        }
        if (maxConcurrencyPerEndpoint < 1) {
            throw new IllegalArgumentException("webhooks.max-concurrency-per-endpoint: " + maxConcurrencyPerEndpoint
                    + " (expected: >= 1)");
        }
        if (breakerFailures < 1) {
            throw new IllegalArgumentException("webhooks.breaker-failures: " + breakerFailures + " (expected: >= 1)");
        }
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("webhooks.retry-max: " + retryMax + " (expected: >= webhooks.retry-base "
                    + retryBase + ")");
        }
        if (rotationOverlap.isNegative()) {
            throw new IllegalArgumentException("webhooks.rotation-overlap: " + rotationOverlap + " (expected: >= 0)");
        }
        if (!masterKey.isEmpty() && masterKeyOctets(masterKey) != 32) {
            throw new IllegalArgumentException("webhooks.master-key: *** (expected: base64 of 32 octets)");
        }
    }

    private static void positive(String key, Duration value) {
        requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    private static int masterKeyOctets(String text) {
        try {
            return Base64.getDecoder().decode(text).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The master key's octets; an empty key is refused here, when webhooks are started, naming the key. */
    byte[] masterKeyBytes() {
        if (masterKey.isEmpty()) {
            throw new IllegalStateException("webhooks.master-key: empty (expected: base64 of 32 octets, e.g. from "
                    + "SMSGATE__WEBHOOKS__MASTER_KEY)");
        }
        return Base64.getDecoder().decode(masterKey);
    }

    public WebhookConfig withMasterKey(String key) {
        return new WebhookConfig(pollInterval, batch, maxConcurrencyPerEndpoint, retryBase, retryMax, retryHorizon,
                breakerFailures, breakerOpen, lease, rotationOverlap, key);
    }

    public WebhookConfig withPollInterval(Duration every) {
        return new WebhookConfig(every, batch, maxConcurrencyPerEndpoint, retryBase, retryMax, retryHorizon,
                breakerFailures, breakerOpen, lease, rotationOverlap, masterKey);
    }

    public WebhookConfig withRetries(Duration base, Duration max, Duration horizon) {
        return new WebhookConfig(pollInterval, batch, maxConcurrencyPerEndpoint, base, max, horizon,
                breakerFailures, breakerOpen, lease, rotationOverlap, masterKey);
    }

    public WebhookConfig withConcurrency(int perEndpoint, int inMemory) {
        return new WebhookConfig(pollInterval, inMemory, perEndpoint, retryBase, retryMax, retryHorizon,
                breakerFailures, breakerOpen, lease, rotationOverlap, masterKey);
    }

    public WebhookConfig withBreaker(int failures, Duration open) {
        return new WebhookConfig(pollInterval, batch, maxConcurrencyPerEndpoint, retryBase, retryMax, retryHorizon,
                failures, open, lease, rotationOverlap, masterKey);
    }

    @Override
    public String toString() {
        return "WebhookConfig[pollInterval=" + pollInterval + ", batch=" + batch + ", maxConcurrencyPerEndpoint="
                + maxConcurrencyPerEndpoint + ", retryBase=" + retryBase + ", retryMax=" + retryMax
                + ", retryHorizon=" + retryHorizon + ", breakerFailures=" + breakerFailures + ", breakerOpen="
                + breakerOpen + ", lease=" + lease + ", rotationOverlap=" + rotationOverlap + ", masterKey="
                + (masterKey.isEmpty() ? "" : "***") + "]";
    }
}
