package io.smsgate.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A byte-level ESME for fault tests: writes PDUs assembled field by field from the SMPP 3.4 tables
 * (not by our encoder) and reads back exactly what the simulator put on the wire.
 */
final class RawEsme implements AutoCloseable {
    static final int BIND_RECEIVER = 0x00000001;
    static final int BIND_TRANSMITTER = 0x00000002;
    static final int BIND_TRANSCEIVER = 0x00000009;
    static final int BIND_TRANSCEIVER_RESP = 0x80000009;
    static final int SUBMIT_SM = 0x00000004;
    static final int SUBMIT_SM_RESP = 0x80000004;
    static final int DELIVER_SM = 0x00000005;
    static final int DELIVER_SM_RESP = 0x80000005;
    static final int QUERY_SM = 0x00000003;
    static final int QUERY_SM_RESP = 0x80000003;
    static final int ENQUIRE_LINK = 0x00000015;
    static final int ENQUIRE_LINK_RESP = 0x80000015;
    static final int UNBIND = 0x00000006;
    static final int GENERIC_NACK = 0x80000000;

    /** One PDU as read off the socket: header fields and the raw body. */
    record Frame(int length, int commandId, int status, int sequence, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawEsme(InetSocketAddress address, int readTimeoutMillis) throws IOException {
        this(connect(address), readTimeoutMillis);
    }

    /** Wraps a socket the simulator connected to (outbind). */
    RawEsme(Socket accepted, int readTimeoutMillis) throws IOException {
        socket = accepted;
        socket.setSoTimeout(readTimeoutMillis);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5000);
        return socket;
    }

    static byte[] cString(String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        byte[] field = new byte[text.length + 1];
        System.arraycopy(text, 0, field, 0, text.length);
        return field;
    }

    static byte[] pdu(int commandId, int status, int sequence, byte[]... fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            body.writeBytes(field);
        }
        ByteBuffer frame = ByteBuffer.allocate(16 + body.size());
        frame.putInt(16 + body.size()).putInt(commandId).putInt(status).putInt(sequence).put(body.toByteArray());
        return frame.array();
    }

    static byte[] octets(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** bind_transceiver (SMPP 3.4 §4.1.5): system_id, password, system_type, interface_version, addr_ton, addr_npi, address_range. */
    void bind(int sequence, String systemId, String password) throws IOException {
        bind(BIND_TRANSCEIVER, sequence, systemId, password);
    }

    /** bind_receiver, bind_transmitter or bind_transceiver (SMPP 3.4 §4.1.1, §4.1.3, §4.1.5): the same body. */
    void bind(int bindCommandId, int sequence, String systemId, String password) throws IOException {
        write(pdu(bindCommandId, 0, sequence, cString(systemId), cString(password), cString(""),
                octets(0x34, 0, 0), cString("")));
    }

    /**
     * submit_sm (SMPP 3.4 §4.4.1): service_type, source (ton, npi, addr), destination (ton, npi, addr),
     * esm_class, protocol_id, priority_flag, schedule_delivery_time, validity_period, registered_delivery,
     * replace_if_present_flag, data_coding, sm_default_msg_id, sm_length, short_message.
     */
    void submit(int sequence, String destination, String text, int registeredDelivery) throws IOException {
        byte[] message = text.getBytes(StandardCharsets.US_ASCII);
        write(pdu(SUBMIT_SM, 0, sequence, cString(""), octets(1, 1), cString("4477009001"), octets(1, 1),
                cString(destination), octets(0, 0, 0), cString(""), cString(""),
                octets(registeredDelivery, 0, 0, 0, message.length), message));
    }

    void enquireLink(int sequence) throws IOException {
        write(pdu(ENQUIRE_LINK, 0, sequence));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one whole PDU; throws SocketTimeoutException when nothing comes within the read timeout. */
    Frame read() throws IOException {
        int length = in.readInt();
        int commandId = in.readInt();
        int status = in.readInt();
        int sequence = in.readInt();
        byte[] body = new byte[Math.max(0, length - 16)];
        in.readFully(body);
        return new Frame(length, commandId, status, sequence, body);
    }

    /** Reads exactly {@code count} raw bytes (for malformed PDUs whose length field lies). */
    byte[] readRaw(int count) throws IOException {
        byte[] bytes = new byte[count];
        in.readFully(bytes);
        return bytes;
    }

    /** -1 at end of stream (FIN); SocketException on RST. */
    int readByte() throws IOException {
        return in.read();
    }

    void answer(Frame request) throws IOException {
        write(pdu(request.commandId() | 0x80000000, 0, request.sequence(), cString("")));
    }

    /** Answers a request with {@code status} and an empty message_id (deliver_sm_resp, SMPP 3.4 §4.6.2). */
    void answer(Frame request, int status) throws IOException {
        write(pdu(request.commandId() | 0x80000000, status, request.sequence(), cString("")));
    }

    /** Changes how long {@link #read()} waits before SocketTimeoutException. */
    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Drops the connection with a TCP RST (SO_LINGER 0) instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
