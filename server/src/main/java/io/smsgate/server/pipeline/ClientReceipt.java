package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The payload of a RECEIPT outbox row: what the client's receipt says, with OUR message id (the one its
 * submit_sm_resp carried). The upstream notifier turns it into a deliver_sm in the account's receipt format.
 *
 * @param carrierStat the carrier's {@code stat:} word (DELIVRD, UNDELIV, …) or our own for failures (REJECTD)
 * @param errorCode the carrier's {@code err:} value, or its submit_sm_resp command_status in hex for refusals
 * @param submittedAt when the client's message was accepted
 * @param doneAt when the final state was reached
 * @param source the message's source address (becomes the receipt's destination)
 * @param destination the message's destination address (becomes the receipt's source)
 */
public record ClientReceipt(MessageId messageId, MessageStatus status, String carrierStat, Optional<String> errorCode,
                            Instant submittedAt, Instant doneAt, Address source, Address destination) {

    private static final int VERSION = 1;

    public ClientReceipt {
        requireNonNull(messageId, "messageId");
        requireNonNull(status, "status");
        requireNonNull(carrierStat, "carrierStat");
        requireNonNull(errorCode, "errorCode");
        requireNonNull(submittedAt, "submittedAt");
        requireNonNull(doneAt, "doneAt");
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
    }

    /** The outbox row's payload bytes. */
    public OctetString encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(messageId.value());
            out.writeUTF(status.name());
            out.writeUTF(carrierStat);
            out.writeUTF(errorCode.orElse(""));
            out.writeLong(submittedAt.toEpochMilli());
            out.writeLong(doneAt.toEpochMilli());
            Payloads.writeAddress(out, source);
            Payloads.writeAddress(out, destination);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OctetString.wrap(bytes.toByteArray());
    }

    /** Reads a payload written by {@link #encode()}. */
    public static ClientReceipt decode(OctetString payload) {
        try (DataInputStream in = Payloads.input(payload, VERSION, "receipt")) {
            MessageId id = new MessageId(in.readLong());
            MessageStatus status = MessageStatus.valueOf(in.readUTF());
            String stat = in.readUTF();
            String error = in.readUTF();
            Instant submitted = Instant.ofEpochMilli(in.readLong());
            Instant done = Instant.ofEpochMilli(in.readLong());
            return new ClientReceipt(id, status, stat, error.isEmpty() ? Optional.empty() : Optional.of(error),
                    submitted, done, Payloads.readAddress(in), Payloads.readAddress(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("receipt payload: " + e.getMessage() + " (expected: version "
                    + VERSION + " layout)", e);
        }
    }
}
