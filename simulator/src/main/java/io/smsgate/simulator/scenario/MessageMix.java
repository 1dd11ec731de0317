package io.smsgate.simulator.scenario;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a load phase sends: relative weights of GSM-7 short, UCS-2 and multipart long messages, how many
 * ask for a receipt, and where they go (destination prefixes filled up with random digits).
 */
public record MessageMix(
        int gsm7,
        int ucs2,
        int multipart,
        double registeredDelivery,
        String source,
        List<String> destinationPrefixes,
        int destinationLength) {

    public static final MessageMix DEFAULTS = new MessageMix(100, 0, 0, 1.0, "12345", List.of("+4477009"), 13);

    public MessageMix {
        if (gsm7 < 0 || ucs2 < 0 || multipart < 0 || (long) gsm7 + ucs2 + multipart == 0
                || (long) gsm7 + ucs2 + multipart > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mix: gsm7=" + gsm7 + " ucs2=" + ucs2 + " multipart=" + multipart
                    + " (expected: non-negative weights with a positive sum)");
        }
        if (!(registeredDelivery >= 0.0 && registeredDelivery <= 1.0)) {
            throw new IllegalArgumentException("registered-delivery: " + registeredDelivery + " (expected: 0..1)");
        }
        requireNonNull(source, "source");
        destinationPrefixes = List.copyOf(destinationPrefixes);
        if (destinationPrefixes.isEmpty()) {
            throw new IllegalArgumentException("destinations: [] (expected: at least one prefix)");
        }
        if (destinationLength < 1 || destinationLength > 20) {
            throw new IllegalArgumentException("destination-length: " + destinationLength + " (expected: 1..20)");
        }
        for (String prefix : destinationPrefixes) {
            if (prefix.length() > destinationLength) {
                throw new IllegalArgumentException("destinations: \"" + prefix + "\" is longer than destination-length "
                        + destinationLength);
            }
        }
    }
}
