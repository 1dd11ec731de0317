package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Sar;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.text.Concatenated;
import io.smsgate.protocol.text.InformationElement;
import io.smsgate.protocol.text.UserDataHeader;
import io.smsgate.server.carrier.PassOnTlvs;
import io.smsgate.server.pipeline.Submission;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a submitted message field by field against SMPP 3.4 §5.2 and our {@link SubmitPolicy}, answering the
 * status Checklist A names (A19–A22), and turns it into a {@link Submission} with its concatenation header removed.
 * Pure: no I/O, time passed in.
 */
final class SubmitValidator {

    /** esm_class message type bits (2–5) an ESME may set in submit_sm: default, delivery ack, manual ack. */
    private static final int ESM_TYPE_MASK = 0x3C;
    static final int ESM_UDHI = 0x40;
    private static final int MAX_ALPHANUMERIC = 11;

    private final SubmitPolicy policy;

    SubmitValidator(SubmitPolicy policy) {
        this.policy = requireNonNull(policy, "policy");
    }

    /** The fields submit_sm, data_sm and one destination of submit_multi share, as the client sent them. */
    record Incoming(Address source, Address destination, int esmClass, int protocolId, int priorityFlag,
                    String scheduleDeliveryTime, String validityPeriod, int registeredDelivery,
                    int replaceIfPresentFlag, int dataCoding, OctetString shortMessage, Tlvs tlvs) {
    }

    /** The verdict on one message. */
    sealed interface Verdict {
    }

    /** Refused with {@code status}; {@code reason} names field, value and expectation (for DEBUG logs). */
    record Rejected(CommandStatus status, String reason) implements Verdict {
    }

    /**
     * Valid. {@code part} is present when the message is one segment of a concatenated message (UDH concat IE or SAR
     * TLVs); the submission then holds that one segment.
     */
    record Valid(Submission submission, Optional<Part> part) implements Verdict {
    }

    /** One segment of a concatenated message: the client's reference, the part count and this part's number (1-based). */
    record Part(int reference, int total, int sequence) {
    }

    Verdict check(String systemId, InterfaceVersion version, Incoming in, Instant now) {
        Optional<Rejected> address = checkSource(in.source());
        if (address.isEmpty()) {
            address = checkDestination(in.destination());
        }
        if (address.isPresent()) {
            return address.get();
        }
        int messageType = in.esmClass() & ESM_TYPE_MASK;
        if (messageType != 0 && messageType != 0x08 && messageType != 0x10) {
            return new Rejected(CommandStatus.ESME_RINVESMCLASS, "esm_class: 0x" + Integer.toHexString(in.esmClass())
                    + " (expected: message type default, delivery ack or manual ack)");
        }
        if (in.priorityFlag() > 3) {
            return new Rejected(CommandStatus.ESME_RINVPRTFLG, "priority_flag: " + in.priorityFlag()
                    + " (expected: 0..3)");
        }
        if ((in.registeredDelivery() & 0x03) == 0x03 || (in.registeredDelivery() & 0xE0) != 0) {
            return new Rejected(CommandStatus.ESME_RINVREGDLVFLG, "registered_delivery: 0x"
                    + Integer.toHexString(in.registeredDelivery()) + " (expected: receipt bits 0..2, bits 5-7 zero)");
        }
        if (in.replaceIfPresentFlag() > 1) {
            return new Rejected(CommandStatus.ESME_RINVREPFLAG, "replace_if_present_flag: "
                    + in.replaceIfPresentFlag() + " (expected: 0 or 1)");
        }
        if (!policy.dataCodings().contains(in.dataCoding())) {
            CommandStatus status = version.isAtLeast50() ? CommandStatus.ESME_RINVDCS : policy.invalidDcsOn34();
            return new Rejected(status, "data_coding: 0x" + Integer.toHexString(in.dataCoding())
                    + " (expected: one of the accepted data codings)");
        }
        Optional<Instant> notBefore;
        Optional<Instant> validity;
        try {
            notBefore = time(in.scheduleDeliveryTime(), now);
        } catch (DateTimeException e) {
            return new Rejected(CommandStatus.ESME_RINVSCHED, "schedule_delivery_time: '" + in.scheduleDeliveryTime()
                    + "' (expected: a calendar time YYMMDDhhmmsstnnp)");
        }
        try {
            validity = time(in.validityPeriod(), now);
        } catch (DateTimeException e) {
            return new Rejected(CommandStatus.ESME_RINVEXPIRY, "validity_period: '" + in.validityPeriod()
                    + "' (expected: a calendar time YYMMDDhhmmsstnnp)");
        }
        if (validity.isPresent() && !validity.get().isAfter(now)) {
            return new Rejected(CommandStatus.ESME_RINVEXPIRY, "validity_period: " + validity.get()
                    + " (expected: after now " + now + ")");
        }
        if (validity.isPresent() && notBefore.isPresent() && !validity.get().isAfter(notBefore.get())) {
            return new Rejected(CommandStatus.ESME_RINVEXPIRY, "validity_period: " + validity.get()
                    + " (expected: after schedule_delivery_time " + notBefore.get() + ")");
        }
        OctetString text = in.shortMessage();
        Optional<OctetString> payload = in.tlvs().messagePayload();
        if (payload.isPresent()) {
            if (!text.isEmpty()) {
                return new Rejected(CommandStatus.ESME_RINVMSGLEN,
                        "short_message and message_payload both present (expected: one of them)");
            }
            text = payload.get();
        }
        if (text.length() > policy.maxMessageOctets()) {
            return new Rejected(CommandStatus.ESME_RINVMSGLEN, "message_payload: " + text.length()
                    + " octets (expected: <= " + policy.maxMessageOctets() + ")");
        }
        int esmClass = in.esmClass();
        Optional<Part> part = Optional.empty();
        if ((esmClass & ESM_UDHI) != 0) {
            UserDataHeader.Parse parse = UserDataHeader.parse(text);
            if (parse instanceof UserDataHeader.Malformed malformed) {
                return new Rejected(CommandStatus.ESME_RINVMSGLEN, malformed.reason());
            }
            UserDataHeader.Parsed parsed = (UserDataHeader.Parsed) parse;
            Optional<Concatenated> concatenated = parsed.header().concatenated();
            if (concatenated.isPresent()) {
                Concatenated c = concatenated.get();
                if (c.total() > 1) {
                    part = Optional.of(new Part(c.reference(), c.total(), c.sequence()));
                }
                // Store the body without the concatenation IE: the carrier side segments again for its route.
                List<InformationElement> others = new ArrayList<>();
                for (InformationElement element : parsed.header().elements()) {
                    if (element.identifier() != InformationElement.CONCATENATED_8BIT
                            && element.identifier() != InformationElement.CONCATENATED_16BIT) {
                        others.add(element);
                    }
                }
                OctetString body = text.slice(parsed.length(), text.length());
                if (others.isEmpty()) {
                    text = body;
                    esmClass &= ~ESM_UDHI;
                } else {
                    text = UserDataHeader.encode(others).concat(body);
                }
            }
        } else {
            Optional<Sar> sar = in.tlvs().sar();
            if (sar.isPresent() && sar.get().totalSegments() > 1) {
                Sar s = sar.get();
                if (s.segmentSeqnum() < 1 || s.segmentSeqnum() > s.totalSegments()) {
                    return new Rejected(CommandStatus.ESME_RINVOPTPARAMVAL, "sar_segment_seqnum: "
                            + s.segmentSeqnum() + " (expected: 1.." + s.totalSegments() + ")");
                }
                part = Optional.of(new Part(s.referenceNumber() | 0x10000, s.totalSegments(), s.segmentSeqnum()));
            }
        }
        return new Valid(new Submission(systemId, in.source(), in.destination(), esmClass, in.protocolId(),
                in.priorityFlag(), in.dataCoding(), in.registeredDelivery(), validity, notBefore, Optional.empty(),
                List.of(text), PassOnTlvs.select(in.tlvs())), part);
    }

    private static Optional<Rejected> checkSource(Address source) {
        String a = source.address();
        return switch (source.ton()) {
            case 0, 1, 2, 3, 4, 6 -> {
                if (!npiSupported(source.npi())) {
                    yield Optional.of(new Rejected(CommandStatus.ESME_RINVSRCNPI, "source_addr_npi: " + source.npi()
                            + " (expected: 0, 1, 3, 4, 6, 8, 9, 10, 14 or 18)"));
                }
                boolean numeric = source.ton() == 1 || source.ton() == 2;
                yield numeric && !digits(a, source.ton() == 1) || !numeric && a.length() > 0 && !printable(a)
                        ? Optional.of(new Rejected(CommandStatus.ESME_RINVSRCADR, "source_addr: '" + a
                                + "' (expected: digits for ton " + source.ton() + ")"))
                        : Optional.empty();
            }
            case 5 -> a.isEmpty() || a.length() > MAX_ALPHANUMERIC || !printable(a)
                    ? Optional.of(new Rejected(CommandStatus.ESME_RINVSRCADR, "source_addr: " + a.length()
                            + " characters (expected: 1.." + MAX_ALPHANUMERIC + " printable for ton 5)"))
                    : Optional.empty();
            default -> Optional.of(new Rejected(CommandStatus.ESME_RINVSRCTON, "source_addr_ton: " + source.ton()
                    + " (expected: 0..6)"));
        };
    }

    private static Optional<Rejected> checkDestination(Address destination) {
        String a = destination.address();
        if (destination.ton() > 4 && destination.ton() != 6) {
            return Optional.of(new Rejected(CommandStatus.ESME_RINVDSTTON, "dest_addr_ton: " + destination.ton()
                    + " (expected: 0..4 or 6)"));
        }
        if (!npiSupported(destination.npi())) {
            return Optional.of(new Rejected(CommandStatus.ESME_RINVDSTNPI, "dest_addr_npi: " + destination.npi()
                    + " (expected: 0, 1, 3, 4, 6, 8, 9, 10, 14 or 18)"));
        }
        if (a.isEmpty() || !digits(a, destination.ton() == 1 || destination.ton() == 0)) {
            return Optional.of(new Rejected(CommandStatus.ESME_RINVDSTADR, "destination_addr: '" + a
                    + "' (expected: 1..20 digits)"));
        }
        return Optional.empty();
    }

    private static boolean npiSupported(int npi) {
        return switch (npi) {
            case 0, 1, 3, 4, 6, 8, 9, 10, 14, 18 -> true;
            default -> false;
        };
    }

    // E.164 digits; a leading '+' is tolerated for international numbers (many ESMEs send it).
    private static boolean digits(String address, boolean plusAllowed) {
        int from = plusAllowed && address.startsWith("+") ? 1 : 0;
        if (address.length() == from) {
            return false;
        }
        for (int i = from; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * An SMPP time (SMPP 3.4 §7.1) as an instant: absolute {@code YYMMDDhhmmsstnn+} / {@code -} (nn quarter hours
     * from UTC), or relative {@code YYMMDDhhmmss000R} from {@code now}. Empty for the NULL time.
     */
    static Optional<Instant> time(String value, Instant now) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int yy = num(value, 0);
        int mo = num(value, 2);
        int dd = num(value, 4);
        int hh = num(value, 6);
        int mi = num(value, 8);
        int ss = num(value, 10);
        int tenths = value.charAt(12) - '0';
        int quarters = num(value, 13);
        char p = value.charAt(15);
        if (p == 'R') {
            if (mo > 11 || dd > 30 || hh > 23 || mi > 59 || ss > 59) {
                throw new DateTimeException("relative time out of range: " + value);
            }
            Duration relative = Duration.ofDays(yy * 365L + mo * 30L + dd).plusHours(hh).plusMinutes(mi)
                    .plusSeconds(ss);
            return Optional.of(now.plus(relative));
        }
        LocalDateTime local = LocalDateTime.of(2000 + yy, mo, dd, hh, mi, ss, tenths * 100_000_000);
        int offsetMinutes = quarters * 15 * (p == '-' ? -1 : 1);
        return Optional.of(local.toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
    }

    private static int num(String value, int at) {
        return (value.charAt(at) - '0') * 10 + (value.charAt(at + 1) - '0');
    }
}
