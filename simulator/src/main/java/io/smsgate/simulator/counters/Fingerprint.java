package io.smsgate.simulator.counters;

import io.smsgate.protocol.OctetString;

/**
 * 64-bit fingerprints of received messages (FNV-1a over the fields, finished with MurmurHash3's fmix64).
 * Two different messages share a fingerprint with probability about n²/2⁶⁵ for n messages in the window
 * (3·10⁻⁸ for a million), which is far below any count a scenario asserts on.
 */
final class Fingerprint {
    private static final long OFFSET = 0xCBF2_9CE4_8422_2325L;
    private static final long PRIME = 0x0000_0100_0000_01B3L;
    private static final long CONTENT = 0x1;
    private static final long USER_REFERENCE = 0x2;

    private Fingerprint() {
    }

    /** Same source, destination and text. */
    static long ofContent(String source, String destination, OctetString text) {
        long h = mix(OFFSET, CONTENT);
        h = mix(h, source);
        h = mix(h, destination);
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.get(i)) * PRIME;
        }
        return fmix64(h ^ text.length());
    }

    /**
     * Same source, destination and user_message_reference; the destination is part of the key because the
     * two-octet reference wraps every 65,536 messages and ESMEs reuse it across destinations.
     */
    static long ofUserReference(String source, String destination, int userMessageReference) {
        long h = mix(OFFSET, USER_REFERENCE);
        h = mix(h, source);
        h = mix(h, destination);
        return fmix64(mix(h, userMessageReference));
    }

    private static long mix(long h, String value) {
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * PRIME;
        }
        // A separator, so ("12", "3") and ("1", "23") differ.
        return (h ^ 0xFFFF) * PRIME;
    }

    private static long mix(long h, long value) {
        return (h ^ value) * PRIME;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51_AFD7_ED55_8CCDL;
        k ^= k >>> 33;
        k *= 0xC4CE_B9FE_1A85_EC53L;
        k ^= k >>> 33;
        return k;
    }
}
