package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.text.Gsm7;
import io.smsgate.protocol.text.Latin1;
import io.smsgate.protocol.text.ReferenceGenerator;
import io.smsgate.protocol.text.Segment;
import io.smsgate.protocol.text.Segmentation;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.protocol.text.Segmenter;
import io.smsgate.protocol.text.SmsAlphabet;
import io.smsgate.protocol.text.TextEncoding;
import io.smsgate.protocol.text.Ucs2;
import io.smsgate.protocol.text.UserDataHeader;
import io.smsgate.server.store.NewMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stored message into the submit_sm PDUs one carrier gets: the client's parts are joined back into one
 * text (their UDHs dropped) and segmented again for the carrier's profile (UDH, SAR or message_payload; what
 * data_coding 0 means there; GSM-7 packed or not), with registered_delivery on the parts its multipart policy
 * names (SMPP 3.4 §5.2.12, §5.3.2.22–24, §5.3.2.32; 3GPP TS 23.040 §9.2.3.24).
 */
final class CarrierEncoder {

    /** esm_class UDHI (SMPP 3.4 §5.2.12: GSM-specific feature bit 6). */
    static final int UDHI = 0x40;
    private static final int RECEIPT_BITS = 0x03;

    private final CarrierProfile profile;
    private final ReferenceGenerator references;

    CarrierEncoder(CarrierProfile profile, ReferenceGenerator references) {
        this.profile = requireNonNull(profile, "profile");
        this.references = requireNonNull(references, "references");
    }

    /** The parts to submit, or why the message cannot go to this carrier. */
    sealed interface Encoded {
        record Parts(List<SubmitSm> parts) implements Encoded {
            public Parts {
                parts = List.copyOf(parts);
            }
        }

        record Refused(String reason) implements Encoded {
        }
    }

    Encoded encode(NewMessage message) {
        OctetString userData = joinedUserData(message);
        int dataCoding = message.dataCoding();
        Segmentation segmentation;
        int outCoding;
        if (isText(dataCoding)) {
            SmsAlphabet client = clientAlphabet(dataCoding);
            String text = client.decode(userData);
            SmsAlphabet alphabet = carrierAlphabet(client, text);
            segmentation = Segmenter.segment(text, alphabet, profile.segmentOptions(), references);
            outCoding = dataCodingFor(alphabet.encoding());
        } else {
            segmentation = Segmenter.segmentBinary(userData, profile.segmentOptions(), references);
            outCoding = dataCoding;
        }
        if (segmentation instanceof Segmentation.Refused refused) {
            return new Encoded.Refused(refused.reason());
        }
        List<Segment> segments = ((Segmentation.Segmented) segmentation).segments();
        List<SubmitSm> parts = new ArrayList<>(segments.size());
        Tlvs client = PassOnTlvs.read(message.tlvs());
        for (int i = 0; i < segments.size(); i++) {
            parts.add(submitSm(message, segments.get(i), i, segments.size(), outCoding, client));
        }
        return new Encoded.Parts(parts);
    }

    /** One part: its segmentation TLVs for this carrier's profile, then the client's parameters to pass on. */
    private SubmitSm submitSm(NewMessage message, Segment segment, int index, int count, int dataCoding,
                              Tlvs client) {
        int esmClass = (message.esmClass() & ~UDHI) | (segment.udhi() ? UDHI : 0);
        int registered = message.registeredDelivery();
        if (!profile.multipartReceipts().requests(index, count)) {
            registered &= ~RECEIPT_BITS;
        }
        boolean payload = profile.concatenation() == SegmentOptions.Concatenation.MESSAGE_PAYLOAD;
        OctetString shortMessage = payload ? OctetString.EMPTY : segment.userData();
        ShortMessage body = new ShortMessage("", message.source(), message.destination(), esmClass,
                message.protocolId(), message.priorityFlag(), "", "", registered, 0, dataCoding, 0, shortMessage);
        Tlvs tlvs = Tlvs.EMPTY;
        if (payload) {
            tlvs = Tlvs.of(new Tlv.MessagePayload(segment.userData()));
        } else if (segment.sar().isPresent()) {
            var sar = segment.sar().get();
            tlvs = Tlvs.of(new Tlv.SarMsgRefNum(sar.reference()), new Tlv.SarTotalSegments(sar.total()),
                    new Tlv.SarSegmentSeqnum(sar.sequence()));
        }
        for (Tlv tlv : client.list()) {
            tlvs = tlvs.plus(tlv);
        }
        return new SubmitSm(0, body, tlvs);
    }

    /**
     * {@code part} as it goes out at {@code now}: validity_period is what remains of the client's validity, as a
     * relative time (SMPP 3.4 §5.2.15, §7.1.1.2), computed at send time so that time spent in our queue counts.
     * schedule_delivery_time stays NULL: the dispatcher holds a scheduled message until its time.
     */
    static SubmitSm timed(SubmitSm part, Optional<Instant> validityUntil, Instant now) {
        if (validityUntil.isEmpty()) {
            return part;
        }
        ShortMessage m = part.message();
        ShortMessage timed = new ShortMessage(m.serviceType(), m.source(), m.destination(), m.esmClass(),
                m.protocolId(), m.priorityFlag(), m.scheduleDeliveryTime(),
                SmppTime.relative(Duration.between(now, validityUntil.get())), m.registeredDelivery(),
                m.replaceIfPresentFlag(), m.dataCoding(), m.smDefaultMsgId(), m.shortMessage());
        return new SubmitSm(part.sequenceNumber(), timed, part.tlvs());
    }

    /** The client's user data without its concatenation UDHs, parts in order (the store keeps them in order). */
    static OctetString joinedUserData(NewMessage message) {
        OctetString joined = OctetString.EMPTY;
        boolean udhi = (message.esmClass() & UDHI) != 0;
        for (OctetString part : message.parts()) {
            OctetString body = part;
            if (udhi && part.length() > 0 && UserDataHeader.parse(part) instanceof UserDataHeader.Parsed parsed) {
                body = part.slice(parsed.length(), part.length());
            }
            joined = joined.concat(body);
        }
        return joined;
    }

    /** data_coding 0 (SMSC default, GSM-7 at our upstream), 1 (IA5, ASCII ⊂ GSM-7), 3 (Latin-1), 8 (UCS-2). */
    static boolean isText(int dataCoding) {
        return dataCoding == 0x00 || dataCoding == 0x01 || dataCoding == 0x03 || dataCoding == 0x08;
    }

    private static SmsAlphabet clientAlphabet(int dataCoding) {
        return switch (dataCoding) {
            case 0x03 -> Latin1.INSTANCE;
            case 0x08 -> Ucs2.INSTANCE;
            default -> Gsm7.DEFAULT;
        };
    }

    /** GSM-7 text goes as GSM-7 only where data_coding 0 means GSM-7; elsewhere as Latin-1 if it fits, else UCS-2. */
    private SmsAlphabet carrierAlphabet(SmsAlphabet client, String text) {
        if (client instanceof Gsm7 && profile.dataCodingZero() == CarrierProfile.DataCodingZero.LATIN1) {
            return Latin1.INSTANCE.canEncode(text) ? Latin1.INSTANCE : Ucs2.INSTANCE;
        }
        return client;
    }

    private int dataCodingFor(TextEncoding encoding) {
        return switch (encoding) {
            case GSM7 -> 0x00;
            case LATIN1 -> profile.dataCodingZero() == CarrierProfile.DataCodingZero.LATIN1 ? 0x00 : 0x03;
            case UCS2 -> 0x08;
            case BINARY -> 0x04;
        };
    }
}
