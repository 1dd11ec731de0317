package io.smsgate.server.carrier;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional parameters a client sent that mean something to the handset or the carrier (SMPP 3.4 §5.3.2; the
 * tags of /work/shared/reference smpp-mm7-domain.md §4): kept with the message, as tag, length and value like on
 * the wire, and sent on every carrier submit_sm of it. What only concerns the hop to us is dropped:
 * segmentation (sar_*, more_messages_to_send and message_payload, which the carrier profile rebuilds), and the
 * parameters of responses, receipts and binds.
 */
public final class PassOnTlvs {

    private static final Logger log = LoggerFactory.getLogger(PassOnTlvs.class);

    private PassOnTlvs() {
    }

    /** Whether a client's {@code tag} is passed on to the carrier. */
    static boolean passedOn(int tag) {
        return switch (tag) {
            // §5.3.2.1–.10: sub-units, network and bearer types, telematics ids of either end.
            case 0x0005, 0x0006, 0x0007, 0x0008, 0x000D, 0x000E, 0x000F, 0x0010,
                 // qos_time_to_live, payload_type, ms_msg_wait_facilities
                 0x0017, 0x0019, 0x0030,
                 // privacy_indicator, source_subaddress, dest_subaddress, user_message_reference,
                 // source_port, destination_port, language_indicator
                 0x0201, 0x0202, 0x0203, 0x0204, 0x020A, 0x020B, 0x020D,
                 // callback_num_pres_ind, callback_num_atag, number_of_messages, callback_num
                 0x0302, 0x0303, 0x0304, 0x0381,
                 // set_dpf, ussd_service_op
                 0x0421, 0x0501,
                 // display_time, sms_signal, ms_validity, alert_on_message_delivery, its_reply_type,
                 // its_session_info
                 0x1201, 0x1203, 0x1204, 0x130C, 0x1380, 0x1383 -> true;
            default -> false;
        };
    }

    /** The client's parameters to keep, encoded as on the wire (SMPP 3.4 §3.2.4); empty when none. */
    public static OctetString select(Tlvs client) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Tlv tlv : client.list()) {
            if (passedOn(tlv.tag())) {
                byte[] value = value(tlv);
                out.write(tlv.tag() >>> 8);
                out.write(tlv.tag());
                out.write(value.length >>> 8);
                out.write(value.length);
                out.writeBytes(value);
            }
        }
        return out.size() == 0 ? OctetString.EMPTY : OctetString.wrap(out.toByteArray());
    }

    /** The parameters {@link #select} kept. A stored entry that no longer reads is dropped, never sent broken. */
    static Tlvs read(OctetString stored) {
        if (stored.isEmpty()) {
            return Tlvs.EMPTY;
        }
        byte[] bytes = stored.toByteArray();
        List<Tlv> tlvs = new ArrayList<>();
        int at = 0;
        while (at + 4 <= bytes.length) {
            int tag = (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
            int length = (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
            at += 4;
            if (at + length > bytes.length) {
                log.warn("stored tlvs truncated tag=0x{} length={} left={}", Integer.toHexString(tag), length,
                        bytes.length - at);
                break;
            }
            OctetString value = OctetString.of(bytes, at, length);
            at += length;
            try {
                tlvs.add(tlv(tag, value));
            } catch (IllegalArgumentException e) {
                log.warn("stored tlv dropped tag=0x{} reason={}", Integer.toHexString(tag), e.getMessage());
            }
        }
        return new Tlvs(tlvs);
    }

    private static byte[] value(Tlv tlv) {
        if (tlv instanceof Tlv.DestAddrSubunit t) {
            return u8(t.value());
        } else if (tlv instanceof Tlv.SourceAddrSubunit t) {
            return u8(t.value());
        } else if (tlv instanceof Tlv.PayloadType t) {
            return u8(t.value());
        } else if (tlv instanceof Tlv.LanguageIndicator t) {
            return u8(t.value());
        } else if (tlv instanceof Tlv.UssdServiceOp t) {
            return u8(t.value());
        } else if (tlv instanceof Tlv.UserMessageReference t) {
            return u16(t.value());
        } else if (tlv instanceof Tlv.SourcePort t) {
            return u16(t.value());
        } else if (tlv instanceof Tlv.DestinationPort t) {
            return u16(t.value());
        } else if (tlv instanceof Tlv.CallbackNum t) {
            return t.value().toByteArray();
        } else if (tlv instanceof Tlv.Unknown t) {
            return t.value().toByteArray();
        }
        throw new IllegalStateException("tag 0x" + Integer.toHexString(tlv.tag())
                + " is passed on but has no encoding here");
    }

    private static Tlv tlv(int tag, OctetString value) {
        return switch (tag) {
            case Tlv.DestAddrSubunit.TAG -> new Tlv.DestAddrSubunit(u8(tag, value));
            case Tlv.SourceAddrSubunit.TAG -> new Tlv.SourceAddrSubunit(u8(tag, value));
            case Tlv.PayloadType.TAG -> new Tlv.PayloadType(u8(tag, value));
            case Tlv.LanguageIndicator.TAG -> new Tlv.LanguageIndicator(u8(tag, value));
            case Tlv.UssdServiceOp.TAG -> new Tlv.UssdServiceOp(u8(tag, value));
            case Tlv.UserMessageReference.TAG -> new Tlv.UserMessageReference(u16(tag, value));
            case Tlv.SourcePort.TAG -> new Tlv.SourcePort(u16(tag, value));
            case Tlv.DestinationPort.TAG -> new Tlv.DestinationPort(u16(tag, value));
            case Tlv.CallbackNum.TAG -> new Tlv.CallbackNum(value);
            default -> new Tlv.Unknown(tag, value);
        };
    }

    private static byte[] u8(int value) {
        return new byte[] {(byte) value};
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    private static int u8(int tag, OctetString value) {
        if (value.length() != 1) {
            throw new IllegalArgumentException("length: " + value.length() + " (expected: 1 for tag 0x"
                    + Integer.toHexString(tag) + ")");
        }
        return value.get(0);
    }

    private static int u16(int tag, OctetString value) {
        if (value.length() != 2) {
            throw new IllegalArgumentException("length: " + value.length() + " (expected: 2 for tag 0x"
                    + Integer.toHexString(tag) + ")");
        }
        return (value.get(0)) << 8 | value.get(1);
    }
}
