package io.smsgate.simulator;

import io.smsgate.protocol.OctetString;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.behaviour.ReceiptStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The receipt text a simulated carrier writes into short_message, in the SMPP 3.4 Appendix B layout
 * ({@code id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:…}),
 * with the 10- or 12-digit date variant (domain.md §8.2).
 */
final class ReceiptText {
    private static final DateTimeFormatter TEN = DateTimeFormatter.ofPattern(
            ReceiptBehaviour.DateFormat.TEN_DIGITS.pattern()).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TWELVE = DateTimeFormatter.ofPattern(
            ReceiptBehaviour.DateFormat.TWELVE_DIGITS.pattern()).withZone(ZoneOffset.UTC);
    private static final int TEXT_CHARACTERS = 20;

    private ReceiptText() {
    }

    /**
     * The last second's formatted dates, so that a receipt does not run a DateTimeFormatter twice (the
     * formatter was 6% of the simulator's CPU under load). One per event loop: not thread-safe.
     */
    static final class Dates {
        private long second = Long.MIN_VALUE;
        private String ten = "";
        private String twelve = "";

        String format(long millis, ReceiptBehaviour.DateFormat layout) {
            long epochSecond = Math.floorDiv(millis, 1000);
            if (epochSecond != second) {
                Instant instant = Instant.ofEpochSecond(epochSecond);
                ten = TEN.format(instant);
                twelve = TWELVE.format(instant);
                second = epochSecond;
            }
            return layout == ReceiptBehaviour.DateFormat.TEN_DIGITS ? ten : twelve;
        }
    }

    static String format(String messageId, ReceiptStatus status, long submitMillis, long doneMillis,
            ReceiptBehaviour.DateFormat dateFormat, String text) {
        return format(messageId, status, submitMillis, doneMillis, dateFormat, text, new Dates());
    }

    static String format(String messageId, ReceiptStatus status, long submitMillis, long doneMillis,
            ReceiptBehaviour.DateFormat dateFormat, String text, Dates dates) {
        StringBuilder receipt = new StringBuilder(128);
        receipt.append("id:").append(messageId)
                .append(" sub:001 dlvrd:").append(status == ReceiptStatus.DELIVRD ? "001" : "000")
                .append(" submit date:").append(dates.format(submitMillis, dateFormat))
                .append(" done date:").append(dates.format(doneMillis, dateFormat))
                .append(" stat:").append(status.stat())
                .append(" err:").append(status == ReceiptStatus.DELIVRD || status == ReceiptStatus.ENROUTE
                        || status == ReceiptStatus.ACCEPTD ? "000" : "001")
                .append(" text:");
        int end = Math.min(text.length(), TEXT_CHARACTERS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            // The receipt is sent as GSM-7/ASCII text; anything else in the quoted original becomes '?'.
            receipt.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return receipt.toString();
    }

    static OctetString octets(String receipt) {
        return OctetString.wrap(receipt.getBytes(StandardCharsets.US_ASCII));
    }
}
