package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.dlr.MessageIdCorrelation;
import io.smsgate.protocol.text.ReferenceWidth;
import io.smsgate.protocol.text.SegmentOptions;
import io.smsgate.server.store.MultipartReceipts;

/**
 * What a carrier's SMSC understands (config/carriers/*.yaml): how long messages are carried, what data_coding 0
 * means there and whether GSM-7 is packed, how it writes message ids, and how parts ask for receipts.
 *
 * @param concatenation UDH, SAR or MESSAGE_PAYLOAD ({@code concatenation})
 * @param referenceWidth 8- or 16-bit concatenation reference ({@code reference-width})
 * @param packing GSM-7 packed or one septet per octet ({@code gsm7-packing})
 * @param dataCodingZero the alphabet data_coding 0 means at this SMSC ({@code data-coding-zero}): GSM7 or LATIN1
 * @param ids how submit_sm_resp and receipt ids are written ({@code message-ids})
 * @param multipartReceipts which parts request receipts ({@code multipart-receipts})
 */
public record CarrierProfile(SegmentOptions.Concatenation concatenation, ReferenceWidth referenceWidth,
                             SegmentOptions.Gsm7Packing packing, DataCodingZero dataCodingZero,
                             MessageIdCorrelation ids, MultipartReceipts multipartReceipts) {

    /** What data_coding 0 means at an SMSC (SMPP 3.4 §5.2.19: "SMSC default alphabet"). */
    public enum DataCodingZero { GSM7, LATIN1 }

    /** UDH with 8-bit references, unpacked GSM-7 as data_coding 0, ids as written, receipts on every part. */
    public static final CarrierProfile DEFAULTS = new CarrierProfile(SegmentOptions.Concatenation.UDH,
            ReferenceWidth.BITS_8, SegmentOptions.Gsm7Packing.UNPACKED, DataCodingZero.GSM7,
            MessageIdCorrelation.AS_IS, MultipartReceipts.ALL_PARTS);

    public CarrierProfile {
        requireNonNull(concatenation, "concatenation");
        requireNonNull(referenceWidth, "referenceWidth");
        requireNonNull(packing, "packing");
        requireNonNull(dataCodingZero, "dataCodingZero");
        requireNonNull(ids, "ids");
        requireNonNull(multipartReceipts, "multipartReceipts");
    }

    SegmentOptions segmentOptions() {
        return new SegmentOptions(concatenation, referenceWidth, packing, 255);
    }

    public CarrierProfile withConcatenation(SegmentOptions.Concatenation value) {
        return new CarrierProfile(value, referenceWidth, packing, dataCodingZero, ids, multipartReceipts);
    }

    public CarrierProfile withPacking(SegmentOptions.Gsm7Packing value) {
        return new CarrierProfile(concatenation, referenceWidth, value, dataCodingZero, ids, multipartReceipts);
    }

    public CarrierProfile withDataCodingZero(DataCodingZero value) {
        return new CarrierProfile(concatenation, referenceWidth, packing, value, ids, multipartReceipts);
    }

    public CarrierProfile withIds(MessageIdCorrelation value) {
        return new CarrierProfile(concatenation, referenceWidth, packing, dataCodingZero, value, multipartReceipts);
    }

    public CarrierProfile withMultipartReceipts(MultipartReceipts value) {
        return new CarrierProfile(concatenation, referenceWidth, packing, dataCodingZero, ids, value);
    }
}
