package io.smsgate.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals signing secrets at rest with the node's master key: AES-256-GCM (NIST SP 800-38D), a random 96-bit nonce
 * per secret, the account's system_id as associated data so that a sealed secret cannot be moved to another account.
 * Layout: nonce (12) || ciphertext || tag (16).
 */
final class SecretBox {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("webhooks.master-key: " + masterKey.length
                    + " octets (expected: 32)");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    byte[] seal(byte[] plain, String systemId) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(systemId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The secret; a wrong key or tampered row is an IllegalArgumentException (no detail: nothing to leak). */
    byte[] open(byte[] sealed, String systemId) {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed secret: " + sealed.length + " octets (expected: >= 28)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(systemId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("sealed secret of " + systemId
                    + ": does not open (expected: sealed with this webhooks.master-key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
