package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a while that a system_id's password matched its stored Argon2id hash (Security bar §5.1), so that
 * the further binds of an account that holds many, and its reconnects, cost one HMAC instead of a slow KDF each:
 * without it 10,000 binds queue behind two verify threads for many minutes. Only successes are remembered, so a
 * wrong guess always pays the full KDF cost and brute force gains nothing. An entry is tied to the stored hash, so
 * a password change or rehash invalidates it; the key is random per process and the password itself is not kept.
 */
final class VerifiedCredentials {

    private static final String HMAC = "HmacSHA256";

    /** One remembered success: the stored hash it was checked against, the password's HMAC, until when. */
    private static final class Entry {
        final String passwordHash;
        final byte[] mac;
        final long expiresAtNanos;

        Entry(String passwordHash, byte[] mac, long expiresAtNanos) {
            this.passwordHash = passwordHash;
            this.mac = mac;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final SecretKeySpec key;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param ttl how long a success is remembered
     * @param maxEntries accounts remembered at once; beyond it the expired are dropped, and if none is, nothing new
     *     is remembered until some expire
     * @param nanoTime the monotonic clock
     */
    VerifiedCredentials(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** Whether {@code password} matched {@code passwordHash} for {@code systemId} recently. */
    boolean matches(String systemId, String passwordHash, String password) {
        Entry entry = entries.get(systemId);
        if (entry == null || !entry.passwordHash.equals(passwordHash)
                || nanoTime.getAsLong() - entry.expiresAtNanos >= 0) {
            return false;
        }
        return MessageDigest.isEqual(entry.mac, mac(systemId, password));
    }

    /** Records that {@code password} matched {@code passwordHash} (call only after the KDF said so). */
    void remember(String systemId, String passwordHash, String password) {
        long now = nanoTime.getAsLong();
        if (entries.size() >= maxEntries && !entries.containsKey(systemId)) {
            entries.values().removeIf(entry -> now - entry.expiresAtNanos >= 0);
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(systemId, new Entry(passwordHash, mac(systemId, password), now + ttlNanos));
    }

    private byte[] mac(String systemId, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(systemId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
