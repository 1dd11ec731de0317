package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.text.Reassembler;
import io.smsgate.server.config.DataSize;
import java.time.Duration;

/**
 * How a carrier's concatenated MOs are put back together ({@code carriers[n].mo-reassembly}, 3GPP TS 23.040
 * §9.2.3.24.1 and SMPP 3.4 §5.3.2.22–24): the incomplete messages held, their octets and age, and the most parts
 * one message may announce. Each carrier holds its own.
 *
 * @param timeout an incomplete message is given up this long after its first part ({@code timeout}, 1s..1d)
 * @param maxMessages incomplete messages held at once; beyond it the oldest is given up ({@code max-messages})
 * @param maxOctets user data octets of the incomplete messages together; beyond it the oldest are given up
 *     ({@code max-octets})
 * @param maxParts the most parts a message may announce; a part of a longer one is refused with ESME_RX_P_APPN
 *     ({@code max-parts}, 2..255: the UDH and SAR counts are one octet)
 */
public record MoReassemblyConfig(Duration timeout, int maxMessages, DataSize maxOctets, int maxParts) {

    /** The parts of a message normally arrive within seconds; five minutes covers a carrier's redelivery. */
    public static final MoReassemblyConfig DEFAULTS = new MoReassemblyConfig(Duration.ofMinutes(5), 10_000,
            DataSize.ofMebibytes(16), 255);

    public MoReassemblyConfig {
        requireNonNull(timeout, "mo-reassembly.timeout");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("mo-reassembly.timeout: " + timeout + " (expected: 1s..1d)");
        }
        if (maxMessages < 1 || maxMessages > 1_000_000) {
            throw new IllegalArgumentException("mo-reassembly.max-messages: " + maxMessages
                    + " (expected: 1..1000000)");
        }
        requireNonNull(maxOctets, "mo-reassembly.max-octets");
        if (maxOctets.bytes() < 1024 || maxOctets.bytes() > 1L << 30) {
            throw new IllegalArgumentException("mo-reassembly.max-octets: " + maxOctets + " (expected: 1KiB..1GiB)");
        }
        if (maxParts < 2 || maxParts > 255) {
            throw new IllegalArgumentException("mo-reassembly.max-parts: " + maxParts + " (expected: 2..255)");
        }
    }

    /** The reassembler's bounds. */
    Reassembler.Config reassembler() {
        return new Reassembler.Config(maxMessages, maxOctets.bytes(), timeout);
    }
}
