package io.smsgate.protocol.smpp.pdu;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The optional parameters of one PDU, in wire order (SMPP 3.4 §3.2.4). Getters return the first parameter with the
 * tag; repeatable ones (broadcast_area_identifier) are read through {@link #all(int)}.
 */
public record Tlvs(List<Tlv> list) {

    public static final Tlvs EMPTY = new Tlvs(List.of());

    public Tlvs {
        list = List.copyOf(list);
        int total = -1;
        int seqnum = -1;
        for (Tlv tlv : list) {
            if (tlv instanceof Tlv.SarTotalSegments t && total < 0) {
                total = t.value();
            } else if (tlv instanceof Tlv.SarSegmentSeqnum s && seqnum < 0) {
                seqnum = s.value();
            }
        }
        if (total > 0 && seqnum > total) {
            throw new IllegalArgumentException("sar_segment_seqnum: " + seqnum + " (expected: <= sar_total_segments "
                    + total + ")");
        }
    }

    public static Tlvs of(Tlv... tlvs) {
        return tlvs.length == 0 ? EMPTY : new Tlvs(List.of(tlvs));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** The first parameter with {@code tag}. */
    public Optional<Tlv> get(int tag) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Tlv tlv = list.get(i);
            if (tlv.tag() == tag) {
                return Optional.of(tlv);
            }
        }
        return Optional.empty();
    }

    /** Every parameter with {@code tag}, in wire order. */
    public List<Tlv> all(int tag) {
        List<Tlv> found = new ArrayList<>();
        for (Tlv tlv : list) {
            if (tlv.tag() == tag) {
                found.add(tlv);
            }
        }
        return List.copyOf(found);
    }

    /** A copy where {@code tlv} replaces the first parameter with its tag, or is appended. */
    public Tlvs with(Tlv tlv) {
        requireNonNull(tlv, "tlv");
        List<Tlv> copy = new ArrayList<>(list);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).tag() == tlv.tag()) {
                copy.set(i, tlv);
                return new Tlvs(copy);
            }
        }
        copy.add(tlv);
        return new Tlvs(copy);
    }

    /** A copy with {@code tlv} appended, for repeatable parameters. */
    public Tlvs plus(Tlv tlv) {
        requireNonNull(tlv, "tlv");
        List<Tlv> copy = new ArrayList<>(list);
        copy.add(tlv);
        return new Tlvs(copy);
    }

    /** A copy without any parameter with {@code tag}. */
    public Tlvs without(int tag) {
        List<Tlv> copy = new ArrayList<>(list.size());
        for (Tlv tlv : list) {
            if (tlv.tag() != tag) {
                copy.add(tlv);
            }
        }
        return copy.size() == list.size() ? this : new Tlvs(copy);
    }

    public Optional<String> receiptedMessageId() {
        return first(Tlv.ReceiptedMessageId.class).map(Tlv.ReceiptedMessageId::messageId);
    }

    public Optional<MessageState> messageState() {
        return first(Tlv.MessageStateTlv.class).map(Tlv.MessageStateTlv::state);
    }

    public Optional<Tlv.NetworkErrorCode> networkErrorCode() {
        return first(Tlv.NetworkErrorCode.class);
    }

    /** SMPP 5.0 congestion_state, 0 (idle) to 100 (congested). */
    public OptionalInt congestionState() {
        return firstInt(Tlv.CongestionState.TAG);
    }

    public Optional<OctetString> messagePayload() {
        return first(Tlv.MessagePayload.class).map(Tlv.MessagePayload::value);
    }

    /** The SAR segment, when all three SAR parameters are present. */
    public Optional<Sar> sar() {
        OptionalInt ref = firstInt(Tlv.SarMsgRefNum.TAG);
        OptionalInt total = firstInt(Tlv.SarTotalSegments.TAG);
        OptionalInt seqnum = firstInt(Tlv.SarSegmentSeqnum.TAG);
        if (ref.isEmpty() || total.isEmpty() || seqnum.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sar(ref.getAsInt(), total.getAsInt(), seqnum.getAsInt()));
    }

    public OptionalInt userMessageReference() {
        return firstInt(Tlv.UserMessageReference.TAG);
    }

    public OptionalInt sourcePort() {
        return firstInt(Tlv.SourcePort.TAG);
    }

    public OptionalInt destinationPort() {
        return firstInt(Tlv.DestinationPort.TAG);
    }

    public OptionalInt deliveryFailureReason() {
        return firstInt(Tlv.DeliveryFailureReason.TAG);
    }

    public Optional<String> additionalStatusInfoText() {
        return first(Tlv.AdditionalStatusInfoText.class).map(Tlv.AdditionalStatusInfoText::text);
    }

    public Optional<InterfaceVersion> scInterfaceVersion() {
        return first(Tlv.ScInterfaceVersion.class).map(Tlv.ScInterfaceVersion::version);
    }

    // Indexed loops in the getters: every submit_sm_resp and deliver_sm is asked for a few parameters, mostly of a
    // short list, and an iterator per question showed in the gateway's allocation profile.
    private <T extends Tlv> Optional<T> first(Class<T> type) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Tlv tlv = list.get(i);
            if (type.isInstance(tlv)) {
                return Optional.of(type.cast(tlv));
            }
        }
        return Optional.empty();
    }

    private OptionalInt firstInt(int tag) {
        for (int i = 0, n = list.size(); i < n; i++) {
            Tlv tlv = list.get(i);
            if (tlv.tag() == tag) {
                if (tlv instanceof Tlv.CongestionState t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.SarMsgRefNum t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.SarTotalSegments t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.SarSegmentSeqnum t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.UserMessageReference t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.SourcePort t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.DestinationPort t) {
                    return OptionalInt.of(t.value());
                } else if (tlv instanceof Tlv.DeliveryFailureReason t) {
                    return OptionalInt.of(t.value());
                }
            }
        }
        return OptionalInt.empty();
    }
}
