package io.smsgate.server.api;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.text.EncodingChoice;
import io.smsgate.protocol.text.EncodingChooser;
import io.smsgate.protocol.text.EncodingOptions;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.Latin1;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.protocol.text.SegmentPreview;
import io.smsgate.protocol.text.Segmenter;
import io.smsgate.protocol.text.SmsAlphabet;
import io.smsgate.protocol.text.TextEncoding;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.NewMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an API request into what the pipeline stores, the way the SMPP front end does for submit_sm: the text in
 * the encoding that takes the fewest segments (GSM-7 default alphabet, else UCS-2; with smart encoding, typographic
 * characters replaced when that keeps it GSM-7), stored whole as one part (the carrier side segments it again for
 * its profile), a final delivery receipt requested, validity and schedule as absolute times.
 */
final class MessageComposer {

    /** Sends are refused when scheduled further ahead than this. */
    static final Duration MAX_SCHEDULE = Duration.ofDays(30);
    /** registered_delivery: a final receipt, success or failure (SMPP 3.4 §5.2.17). */
    private static final int FINAL_RECEIPT = 0x01;
    private static final int SHORT_CODE_MAX_DIGITS = 8;
    // Only GSM-7 default and UCS-2: the store keeps GSM-7 as data_coding 0, which the carrier side reads as the
    // default alphabet, and converts to Latin-1 itself for carriers where data_coding 0 means Latin-1.
    private static final EncodingOptions PLAIN = EncodingOptions.DEFAULTS;
    private static final EncodingOptions SMART = EncodingOptions.DEFAULTS.withSmartEncoding(true);

    // The API's encoding names, lowercased once rather than per answer.
    private static final String[] ENCODING_NAMES = Arrays.stream(TextEncoding.values())
            .map(encoding -> encoding.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private MessageComposer() {
    }

    /** What a text takes: the chooser's answer, or a 422 problem naming why it cannot be sent. */
    static EncodingChoice choose(String text, boolean smartEncoding) {
        return EncodingChooser.choose(text, smartEncoding ? SMART : PLAIN, SegmentOptions.DEFAULTS)
                .orElseThrow(() -> new ProblemException(Problems.textNotEncodable(
                        "text: " + text.length() + " characters cannot be sent as GSM-7 or UCS-2 in at most "
                                + SegmentOptions.DEFAULTS.maxSegments() + " segments")));
    }

    /** The preview of a text: encoding, segments, units, replaced characters. */
    static SegmentPreview preview(String text, boolean smartEncoding) {
        return SegmentPreview.of(text, smartEncoding ? SMART : PLAIN, SegmentOptions.DEFAULTS)
                .orElseThrow(() -> new ProblemException(Problems.textNotEncodable(
                        "text: " + text.length() + " characters cannot be sent as GSM-7 or UCS-2 in at most "
                                + SegmentOptions.DEFAULTS.maxSegments() + " segments")));
    }

    /** The submission for {@code request} from {@code systemId}, accepted at {@code now}. */
    static Submission submission(String systemId, SendRequest request, EncodingChoice choice, Instant now) {
        Optional<Instant> notBefore = request.sendAt().filter(at -> at.isAfter(now));
        if (request.sendAt().isPresent() && request.sendAt().get().isAfter(now.plus(MAX_SCHEDULE))) {
            throw new ProblemException(Problems.invalidSchedule("send_at", "send_at: " + request.sendAt().get()
                    + " (expected: at most " + MAX_SCHEDULE.toDays() + " days ahead)"));
        }
        Instant start = notBefore.orElse(now);
        Optional<Instant> validityUntil = request.validityPeriod().map(start::plus);
        int dataCoding = choice.encoding() == TextEncoding.UCS2 ? 0x08 : 0x00;
        OctetString userData = choice.encoding() == TextEncoding.UCS2 ? Ucs2.INSTANCE.encode(choice.text())
                : Gsm7.DEFAULT.encode(choice.text());
        return new Submission(systemId, sender(request.from()), recipient(request.to()), 0, 0, 0, dataCoding,
                FINAL_RECEIPT, validityUntil, notBefore, request.clientReference(), List.of(userData),
                OctetString.EMPTY, request.statusCallback());
    }

    /** {@code to}: international, ton 1 npi 1, digits without '+'. */
    static Address recipient(String to) {
        return Address.international(digits(to));
    }

    /**
     * {@code from}: '+' and digits is an international number; up to 8 digits a short code (ton 3, network
     * specific, as operators provision them); more digits an international number; anything else an
     * alphanumeric sender id (ton 5).
     */
    static Address sender(String from) {
        if (from.startsWith("+")) {
            return Address.international(from.substring(1));
        }
        if (digitsOnly(from)) {
            return from.length() <= SHORT_CODE_MAX_DIGITS ? new Address(3, 0, from) : Address.international(from);
        }
        return Address.alphanumeric(from);
    }

    private static boolean digitsOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** How an address is shown: '+' before an international number. */
    static String show(Address address) {
        return address.ton() == 1 ? "+" + address.address() : address.address();
    }

    static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }

    /** The API's name of an encoding. */
    static String encodingName(TextEncoding encoding) {
        return ENCODING_NAMES[encoding.ordinal()];
    }

    /** The encoding of a stored message, when it is text. */
    static Optional<String> encodingName(int dataCoding) {
        return switch (dataCoding) {
            case 0x00, 0x01 -> Optional.of("gsm7");
            case 0x03 -> Optional.of("latin1");
            case 0x08 -> Optional.of("ucs2");
            default -> Optional.empty();
        };
    }

    /**
     * The segments a stored message takes with the default segmentation: its client's part count when it came in
     * parts, else its text measured again (binary: 140 octets per segment, 134 with a concatenation header).
     */
    static int segments(NewMessage message) {
        return segments(message.dataCoding(), message.parts());
    }

    /** The segments {@code parts} in {@code dataCoding} take, as {@link #segments(NewMessage)}. */
    static int segments(int dataCoding, List<OctetString> parts) {
        if (parts.size() > 1) {
            return parts.size();
        }
        OctetString userData = parts.get(0);
        Optional<SmsAlphabet> alphabet = switch (dataCoding) {
            case 0x00, 0x01 -> Optional.of(Gsm7.DEFAULT);
            case 0x03 -> Optional.of(Latin1.INSTANCE);
            case 0x08 -> Optional.of(Ucs2.INSTANCE);
            default -> Optional.empty();
        };
        if (alphabet.isPresent()) {
            int count = Segmenter.segmentCount(alphabet.get().decode(userData), alphabet.get(),
                    SegmentOptions.DEFAULTS);
            if (count > 0) {
                return count;
            }
        }
        int octets = userData.length();
        return octets <= Segmenter.USER_DATA_OCTETS ? 1 : (octets + 133) / 134;
    }
}
