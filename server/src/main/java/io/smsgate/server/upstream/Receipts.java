package io.smsgate.server.upstream;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.DeliveryReceipt;
import io.smsgate.protocol.dlr.ReceiptDate;
import io.smsgate.protocol.dlr.ReceiptFormat;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.FieldLimits;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.server.pipeline.ClientEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Turns an outbox {@link ClientEvent} into the deliver_sm a client receives (SMPP 3.4 §4.6.1, Appendix B). */
final class Receipts {

    /** esm_class 0x04: SMSC delivery receipt (SMPP 3.4 §5.2.12). */
    static final int ESM_CLASS_RECEIPT = 0x04;

    private Receipts() {
    }

    /** The receipt format an account names: {@code SMPP34}, {@code SMPP34_SECONDS} or {@code YYYY}. */
    static ReceiptFormat format(String name) {
        return switch (name) {
            case "SMPP34" -> ReceiptFormat.DEFAULTS;
            case "SMPP34_SECONDS" -> ReceiptFormat.DEFAULTS.withDateLayout(ReceiptDate.Layout.YYMMDDHHMMSS);
            case "YYYY" -> ReceiptFormat.DEFAULTS.withDateLayout(ReceiptDate.Layout.YYYYMMDDHHMMSS);
            default -> throw new IllegalArgumentException("receipt-format: '" + name
                    + "' (expected: SMPP34, SMPP34_SECONDS or YYYY)");
        };
    }

    /**
     * The deliver_sm (sequence_number 0, stamped by the session) for {@code event}: a receipt carries our message
     * id in its text and in receipted_message_id, with message_state (and network_error_code) as TLVs.
     */
    static DeliverSm deliverSm(ClientEvent event, ReceiptFormat format) {
        if (event instanceof ClientEvent.Receipt r) {
            String messageId = r.messageId().toString();
            DeliveryReceipt receipt = DeliveryReceipt.of(messageId, r.state())
                    .withCounts(r.submitted(), r.delivered())
                    .withDates(date(r.submitDate(), format), date(r.doneDate(), format))
                    .withError(r.error().orElse("000"));
            if (r.text().isPresent() && !r.text().get().isBlank()) {
                receipt = receipt.withText(r.text().get().strip());
            }
            String text = format.format(receipt);
            // Receipt text is ASCII in GSM-7 default alphabet terms; clip rather than overflow sm_length.
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            OctetString shortMessage = OctetString.of(bytes, 0, Math.min(bytes.length, FieldLimits.SHORT_MESSAGE));
            Tlvs tlvs = Tlvs.of(new Tlv.ReceiptedMessageId(messageId),
                    new Tlv.MessageStateTlv(MessageState.of(r.state().messageState())));
            if (r.networkErrorCode().isPresent()) {
                tlvs = tlvs.plus(new Tlv.NetworkErrorCode(r.networkErrorCode().get().networkType(),
                        r.networkErrorCode().get().errorCode()));
            }
            ShortMessage message = ShortMessage.of(r.destination(), r.source(), 0, shortMessage)
                    .withEsmClass(ESM_CLASS_RECEIPT);
            return new DeliverSm(0, message, tlvs);
        }
        ClientEvent.Mo mo = (ClientEvent.Mo) event;
        boolean fits = mo.text().length() <= FieldLimits.SHORT_MESSAGE;
        ShortMessage message = ShortMessage.of(mo.source(), mo.destination(), mo.dataCoding(),
                fits ? mo.text() : OctetString.EMPTY).withEsmClass(mo.esmClass());
        return new DeliverSm(0, message, fits ? Tlvs.EMPTY : Tlvs.of(new Tlv.MessagePayload(mo.text())));
    }

    private static ReceiptDate date(Instant instant, ReceiptFormat format) {
        long seconds = instant.getEpochSecond();
        if (format.dateLayout() == ReceiptDate.Layout.YYMMDDHHMM) {
            seconds = Math.floorDiv(seconds, 60) * 60;
        }
        // ofEpochSecond with a fixed offset: ofInstant would build the offset's ZoneRules again for every receipt.
        return new ReceiptDate(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC), format.dateLayout());
    }
}
