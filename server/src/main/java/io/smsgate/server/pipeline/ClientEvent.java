package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.NetworkErrorCode;
import io.smsgate.protocol.dlr.ReceiptState;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.OutboxKind;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the carrier side hands a client through the outbox: a receipt for one of its messages, or an MO. Stored as
 * the outbox row's payload ({@link #encode()}, a small versioned binary form), so that the client notifier writes the
 * deliver_sm in the account's receipt format at delivery time.
 */
public sealed interface ClientEvent {

    /** Payload format version, the first octet. */
    int VERSION = 1;

    OutboxKind kind();

    /**
     * A receipt for our message {@code messageId} (the id the client got in submit_sm_resp).
     *
     * @param source the message's source address (the client's sender id)
     * @param destination the message's destination (the handset)
     * @param submitted {@code sub:}, the parts submitted
     * @param delivered {@code dlvrd:}, the parts delivered
     * @param error {@code err:} as the carrier wrote it
     * @param text the first characters of the message, for {@code text:}
     */
    record Receipt(MessageId messageId, ReceiptState state, Address source, Address destination, int submitted,
                   int delivered, Instant submitDate, Instant doneDate, Optional<String> error,
                   Optional<NetworkErrorCode> networkErrorCode, Optional<String> text) implements ClientEvent {
        public Receipt {
            requireNonNull(messageId, "messageId");
            requireNonNull(state, "state");
            requireNonNull(source, "source");
            requireNonNull(destination, "destination");
            requireNonNull(submitDate, "submitDate");
            requireNonNull(doneDate, "doneDate");
            requireNonNull(error, "error");
            requireNonNull(networkErrorCode, "networkErrorCode");
            requireNonNull(text, "text");
        }

        @Override
        public OutboxKind kind() {
            return OutboxKind.RECEIPT;
        }
    }

    /** A mobile-originated message for one of the account's numbers, reassembled when it came in parts. */
    record Mo(Address source, Address destination, int esmClass, int protocolId, int dataCoding, OctetString text)
            implements ClientEvent {
        public Mo {
            requireNonNull(source, "source");
            requireNonNull(destination, "destination");
            requireNonNull(text, "text");
            if (text.length() > 0xFFFF) {
                throw new IllegalArgumentException("mo text: " + text.length() + " octets (expected: <= 65535)");
            }
        }

        @Override
        public OutboxKind kind() {
            return OutboxKind.MO;
        }
    }

    /**
     * The Journal write that puts this event in {@code systemId}'s outbox, due now and kept until {@code expiry}
     * has passed; after its commit, call {@link OutboxSignal#outboxChanged}.
     */
    default JournalWrite.EnqueueOutbox toOutbox(MessageId outboxId, String systemId, Instant now, Duration expiry) {
        Optional<MessageId> messageId = this instanceof Receipt receipt ? Optional.of(receipt.messageId())
                : Optional.empty();
        return new JournalWrite.EnqueueOutbox(outboxId, systemId, kind(), messageId, encode(), now,
                now.plus(expiry), now);
    }

    /** The outbox payload. */
    default OctetString encode() {
        PayloadWriter out = new PayloadWriter(96);
        out.writeByte(VERSION);
        if (this instanceof Receipt r) {
            out.writeByte('R');
            out.writeLong(r.messageId().value());
            out.writeByte(r.state().messageState());
            address(out, r.source());
            address(out, r.destination());
            out.writeInt(r.submitted());
            out.writeInt(r.delivered());
            out.writeLong(r.submitDate().toEpochMilli());
            out.writeLong(r.doneDate().toEpochMilli());
            optional(out, r.error());
            out.writeBoolean(r.networkErrorCode().isPresent());
            if (r.networkErrorCode().isPresent()) {
                out.writeByte(r.networkErrorCode().get().networkType());
                out.writeShort(r.networkErrorCode().get().errorCode());
            }
            optional(out, r.text());
        } else if (this instanceof Mo m) {
            out.writeByte('M');
            address(out, m.source());
            address(out, m.destination());
            out.writeByte(m.esmClass());
            out.writeByte(m.protocolId());
            out.writeByte(m.dataCoding());
            out.writeShort(m.text().length());
            out.write(m.text().toByteArray());
        }
        return out.toOctetString();
    }

    /** Reads an outbox payload written by {@link #encode()}; a payload it cannot read is an IllegalArgumentException. */
    static ClientEvent decode(OctetString payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload.toByteArray()))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("outbox payload version: " + version + " (expected: " + VERSION
                        + ")");
            }
            int tag = in.readUnsignedByte();
            return switch (tag) {
                case 'R' -> new Receipt(new MessageId(in.readLong()),
                        ReceiptState.fromMessageState(in.readUnsignedByte()).orElseThrow(
                                () -> new IllegalArgumentException("outbox receipt: unknown message_state")),
                        address(in), address(in), in.readInt(), in.readInt(), Instant.ofEpochMilli(in.readLong()),
                        Instant.ofEpochMilli(in.readLong()), optional(in),
                        in.readBoolean() ? Optional.of(new NetworkErrorCode(in.readUnsignedByte(),
                                in.readUnsignedShort())) : Optional.empty(),
                        optional(in));
                case 'M' -> {
                    Address source = address(in);
                    Address destination = address(in);
                    int esmClass = in.readUnsignedByte();
                    int protocolId = in.readUnsignedByte();
                    int dataCoding = in.readUnsignedByte();
                    byte[] text = new byte[in.readUnsignedShort()];
                    in.readFully(text);
                    yield new Mo(source, destination, esmClass, protocolId, dataCoding, OctetString.wrap(text));
                }
                default -> throw new IllegalArgumentException("outbox payload kind: " + tag + " (expected: R or M)");
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("outbox payload: truncated (" + payload.length() + " octets)", e);
        }
    }

    private static void address(PayloadWriter out, Address address) {
        out.writeByte(address.ton());
        out.writeByte(address.npi());
        out.writeUtf(address.address());
    }

    private static Address address(DataInputStream in) throws IOException {
        return new Address(in.readUnsignedByte(), in.readUnsignedByte(), in.readUTF());
    }

    private static void optional(PayloadWriter out, Optional<String> value) {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUtf(value.get());
        }
    }

    private static Optional<String> optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }
}
