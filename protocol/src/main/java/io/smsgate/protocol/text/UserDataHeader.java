package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed user data header (23.040 §9.2.3.24): every IE in order, and the values of the ones smsgate acts
 * on. IEs whose values the spec says to ignore (concatenation with total 0, sequence 0 or above total; a
 * wrong IEDL; an unknown national language) are kept in {@code elements} and explained in {@code ignored}.
 */
public record UserDataHeader(
        List<InformationElement> elements,
        Optional<Concatenated> concatenated,
        Optional<NationalLanguage> singleShift,
        Optional<NationalLanguage> lockingShift,
        List<String> ignored) {

    public UserDataHeader {
        elements = List.copyOf(elements);
        requireNonNull(concatenated, "concatenated");
        requireNonNull(singleShift, "singleShift");
        requireNonNull(lockingShift, "lockingShift");
        ignored = List.copyOf(ignored);
    }

    /** The outcome of parsing the start of a TP-UD that has TP-UDHI (esm_class 0x40) set. */
    public sealed interface Parse permits Parsed, Malformed {
    }

    /**
     * A header and where the message body starts: {@code length} octets (UDHL included); for packed GSM-7 the
     * body starts a further {@link #fillBits(int)} bits later.
     */
    public record Parsed(UserDataHeader header, int length) implements Parse {
        public Parsed {
            requireNonNull(header, "header");
        }
    }

    /** A header that cannot be read; the reason names the field, value and expectation. */
    public record Malformed(String reason) implements Parse {
        public Malformed {
            requireNonNull(reason, "reason");
        }
    }

    /** Parses the UDH at the start of {@code userData}; never throws for any input. */
    public static Parse parse(OctetString userData) {
        if (userData.isEmpty()) {
            return new Malformed("udhl: absent (expected: a user data header, TP-UDHI is set)");
        }
        int udhl = userData.get(0);
        if (udhl + 1 > userData.length()) {
            return new Malformed("udhl: " + udhl + " (expected: <= " + (userData.length() - 1)
                    + ", the octets after it)");
        }
        List<InformationElement> elements = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Optional<Concatenated> concatenated = Optional.empty();
        Optional<NationalLanguage> single = Optional.empty();
        Optional<NationalLanguage> locking = Optional.empty();
        int end = udhl + 1;
        int i = 1;
        while (i < end) {
            if (i + 2 > end) {
                return new Malformed("iei 0x" + hex(userData.get(i)) + " at octet " + i
                        + ": no iedl (expected: iei and iedl within udhl " + udhl + ")");
            }
            int iei = userData.get(i);
            int iedl = userData.get(i + 1);
            if (i + 2 + iedl > end) {
                return new Malformed("iedl of iei 0x" + hex(iei) + ": " + iedl + " (expected: <= "
                        + (end - i - 2) + ", the octets left in udhl " + udhl + ")");
            }
            OctetString data = userData.slice(i + 2, i + 2 + iedl);
            elements.add(new InformationElement(iei, data));
            // 23.040 §9.2.3.24: a non-repeatable IE that occurs twice takes its last occurrence.
            switch (iei) {
                case InformationElement.CONCATENATED_8BIT ->
                        concatenated = concatenation(data, ReferenceWidth.BITS_8, ignored);
                case InformationElement.CONCATENATED_16BIT ->
                        concatenated = concatenation(data, ReferenceWidth.BITS_16, ignored);
                case InformationElement.NATIONAL_SINGLE_SHIFT -> single = language(data, "single", ignored);
                case InformationElement.NATIONAL_LOCKING_SHIFT -> locking = language(data, "locking", ignored)
                        .filter(language -> {
                            if (!language.hasLockingShift()) {
                                ignored.add("locking shift: " + language + " (expected: a language with a locking"
                                        + " shift table)");
                            }
                            return language.hasLockingShift();
                        });
                default -> {
                    // Other IEs (ports, text formatting, …) are kept in elements and not interpreted here.
                }
            }
            i += 2 + iedl;
        }
        return new Parsed(new UserDataHeader(elements, concatenated, single, locking, ignored), end);
    }

    /** Fill bits between a UDH of {@code udhLength} octets and the first septet of packed text (23.040 §9.2.3.24). */
    public static int fillBits(int udhLength) {
        return (7 - (udhLength * 8) % 7) % 7;
    }

    /** The octets of a header holding {@code elements}, UDHL first. */
    public static OctetString encode(List<InformationElement> elements) {
        int length = 1;
        for (InformationElement element : elements) {
            length += 2 + element.data().length();
        }
        if (length - 1 > 0xFF) {
            throw new IllegalArgumentException("udhl: " + (length - 1) + " (expected: <= 255)");
        }
        byte[] out = new byte[length];
        out[0] = (byte) (length - 1);
        int i = 1;
        for (InformationElement element : elements) {
            out[i] = (byte) element.identifier();
            out[i + 1] = (byte) element.data().length();
            element.data().copyTo(out, i + 2);
            i += 2 + element.data().length();
        }
        return OctetString.wrap(out);
    }

    private static Optional<Concatenated> concatenation(OctetString data, ReferenceWidth width, List<String> ignored) {
        int expected = width.ieOctets() - 2;
        if (data.length() != expected) {
            ignored.add("iedl of concatenation iei: " + data.length() + " (expected: " + expected + ")");
            return Optional.empty();
        }
        int reference = width == ReferenceWidth.BITS_8 ? data.get(0) : data.get(0) << 8 | data.get(1);
        int total = data.get(expected - 2);
        int sequence = data.get(expected - 1);
        // 23.040 §9.2.3.24.1: total 0, sequence 0 or sequence > total -> ignore the whole IE.
        if (total == 0) {
            ignored.add("concatenation total: 0 (expected: >= 1)");
            return Optional.empty();
        }
        if (sequence == 0 || sequence > total) {
            ignored.add("concatenation sequence: " + sequence + " (expected: 1.." + total + ")");
            return Optional.empty();
        }
        return Optional.of(new Concatenated(reference, total, sequence, width));
    }

    private static Optional<NationalLanguage> language(OctetString data, String kind, List<String> ignored) {
        if (data.length() != 1) {
            ignored.add("iedl of national " + kind + " shift iei: " + data.length() + " (expected: 1)");
            return Optional.empty();
        }
        Optional<NationalLanguage> language = NationalLanguage.fromIdentifier(data.get(0));
        if (language.isEmpty()) {
            ignored.add("national " + kind + " shift language: " + data.get(0) + " (expected: 0..3, the tables"
                    + " carried here; the default table is used)");
        }
        return language;
    }

    private static String hex(int value) {
        return String.format("%02x", value);
    }
}
