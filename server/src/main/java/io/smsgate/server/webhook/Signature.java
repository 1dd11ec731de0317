package io.smsgate.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com, "Signature scheme"): HMAC-SHA256 over
 * {@code webhook-id.webhook-timestamp.body}, sent as {@code v1,<base64>}; one per active secret, space-separated,
 * so that a receiver holding either secret verifies during a rotation's overlap.
 */
final class Signature {

    // Mac.getInstance looks the algorithm up in the provider list on every call; one Mac per sending thread instead.
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private Signature() {
    }

    static String header(String id, long timestamp, byte[] body, List<SecretKeySpec> keys) {
        StringBuilder header = new StringBuilder(keys.size() * 48);
        for (SecretKeySpec key : keys) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body)));
        }
        return header.toString();
    }

    static byte[] hmac(SecretKeySpec key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = MACS.get();
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("webhook secret: not an HmacSHA256 key", e);
        }
    }
}
