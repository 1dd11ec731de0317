package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The payload of an MO outbox row: one whole inbound message from a carrier (concatenated parts already joined,
 * without their UDHs), for the account that owns its destination number.
 *
 * @param userData the message body in {@code dataCoding}, unpacked GSM-7 septets for data_coding 0
 * @param carrierId the carrier it came from
 */
public record MobileOriginated(Address source, Address destination, int dataCoding, int protocolId,
                               OctetString userData, String carrierId, Instant receivedAt) {

    private static final int VERSION = 1;

    public MobileOriginated {
        requireNonNull(source, "source");
        requireNonNull(destination, "destination");
        requireNonNull(userData, "userData");
        requireNonNull(carrierId, "carrierId");
        requireNonNull(receivedAt, "receivedAt");
    }

    /** The outbox row's payload bytes. */
    public OctetString encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + userData.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            Payloads.writeAddress(out, source);
            Payloads.writeAddress(out, destination);
            out.writeByte(dataCoding);
            out.writeByte(protocolId);
            out.writeInt(userData.length());
            out.write(userData.toByteArray());
            out.writeUTF(carrierId);
            out.writeLong(receivedAt.toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OctetString.wrap(bytes.toByteArray());
    }

    /** Reads a payload written by {@link #encode()}. */
    public static MobileOriginated decode(OctetString payload) {
        try (DataInputStream in = Payloads.input(payload, VERSION, "mo")) {
            Address source = Payloads.readAddress(in);
            Address destination = Payloads.readAddress(in);
            int dataCoding = in.readUnsignedByte();
            int protocolId = in.readUnsignedByte();
            int length = in.readInt();
            if (length < 0 || length > payload.length()) {
                throw new IOException("user data length " + length);
            }
            byte[] data = in.readNBytes(length);
            return new MobileOriginated(source, destination, dataCoding, protocolId, OctetString.wrap(data),
                    in.readUTF(), Instant.ofEpochMilli(in.readLong()));
        } catch (IOException e) {
            throw new IllegalArgumentException("mo payload: " + e.getMessage() + " (expected: version " + VERSION
                    + " layout)", e);
        }
    }
}
