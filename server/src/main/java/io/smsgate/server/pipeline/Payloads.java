package io.smsgate.server.pipeline;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The shared pieces of the outbox payload layouts. */
final class Payloads {

    private Payloads() {
    }

    static DataInputStream input(OctetString payload, int version, String kind) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload.toByteArray()));
        int found = in.readUnsignedByte();
        if (found != version) {
            throw new IOException(kind + " payload version " + found);
        }
        return in;
    }

    static void writeAddress(DataOutputStream out, Address address) throws IOException {
        out.writeByte(address.ton());
        out.writeByte(address.npi());
        out.writeUTF(address.address());
    }

    static Address readAddress(DataInputStream in) throws IOException {
        return new Address(in.readUnsignedByte(), in.readUnsignedByte(), in.readUTF());
    }
}
