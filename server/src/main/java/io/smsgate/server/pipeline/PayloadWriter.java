package io.smsgate.server.pipeline;

import io.smsgate.protocol.OctetString;
import java.util.Arrays;

/**
 * Writes an outbox payload in the octets {@link java.io.DataOutputStream} would write (big-endian numbers, strings in
 * modified UTF-8 after a two-octet length), which {@link java.io.DataInputStream} reads back. The client receipt's
 * payload is written inside the state lane's transaction, once per receipt: a stream pair with its synchronised
 * writes and a buffer per string cost that lane, the gateway's busiest thread, about 3 % of its time.
 */
final class PayloadWriter {

    private byte[] buffer;
    private int size;

    PayloadWriter(int capacity) {
        this.buffer = new byte[capacity];
    }

    void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    void writeShort(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    void writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    void write(byte[] octets) {
        ensure(octets.length);
        System.arraycopy(octets, 0, buffer, size, octets.length);
        size += octets.length;
    }

    /** {@link java.io.DataOutput#writeUTF}: U+0001..U+007F in one octet, U+0000 and up to U+07FF in two, else three. */
    void writeUtf(String value) {
        int length = value.length();
        int encoded = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            encoded += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (encoded > 0xFFFF) {
            throw new IllegalArgumentException("outbox payload string: " + encoded
                    + " octets in modified UTF-8 (expected: <= 65535)");
        }
        writeShort(encoded);
        ensure(encoded);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                buffer[size++] = (byte) c;
            } else if (c <= 0x07FF) {
                buffer[size++] = (byte) (0xC0 | c >> 6 & 0x1F);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            } else {
                buffer[size++] = (byte) (0xE0 | c >> 12 & 0x0F);
                buffer[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    OctetString toOctetString() {
        return OctetString.wrap(Arrays.copyOf(buffer, size));
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
