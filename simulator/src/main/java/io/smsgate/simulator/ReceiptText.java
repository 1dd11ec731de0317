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

    static String format(String messageId, ReceiptStatus status, long submitMillis, long doneMillis,
            ReceiptBehaviour.DateFormat dateFormat, String text) {
        DateTimeFormatter dates = dateFormat == ReceiptBehaviour.DateFormat.TEN_DIGITS ? TEN : TWELVE;
        StringBuilder receipt = new StringBuilder(128);
        receipt.append("id:").append(messageId)
                .append(" sub:001 dlvrd:").append(status == ReceiptStatus.DELIVRD ? "001" : "000")
                .append(" submit date:").append(dates.format(Instant.ofEpochMilli(submitMillis)))
                .append(" done date:").append(dates.format(Instant.ofEpochMilli(doneMillis)))
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
