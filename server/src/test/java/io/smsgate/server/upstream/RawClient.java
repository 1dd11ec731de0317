package io.smsgate.server.upstream;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A hand-driven SMPP peer on a plain socket: writes whatever bytes a test needs and reads whole PDUs. */
final class RawClient implements AutoCloseable {

    /** One PDU read back: its header and body. */
    record Read(int commandId, int status, int sequence, byte[] body) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void writeHex(String spaced) throws IOException {
        write(HexFormat.of().parseHex(spaced.replace(" ", "")));
    }

    /** The next PDU the server sends, answering (and skipping) its keep-alive enquire_links. */
    Read read() throws IOException {
        while (true) {
            Read next = readAny();
            if (next.commandId() != 0x00000015) {
                return next;
            }
            write(pdu(0x80000015, 0, next.sequence(), new byte[0]));
        }
    }

    private Read readAny() throws IOException {
        int length = in.readInt();
        int commandId = in.readInt();
        int status = in.readInt();
        int sequence = in.readInt();
        byte[] body = new byte[length - 16];
        in.readFully(body);
        return new Read(commandId, status, sequence, body);
    }

    /** True when the server closed the connection (end of stream) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    /** What runs while {@link #bindAndDrop} opens and drops its connections. */
    @FunctionalInterface
    interface Meanwhile {
        void run() throws Exception;
    }

    /**
     * Opens {@code count} connections to 127.0.0.1:{@code port} from four threads, each sending a bind_transmitter and
     * closing without reading the answer (checklist A17), while {@code meanwhile} runs; returns once all are done.
     */
    static void bindAndDrop(int port, String systemId, String password, int count, Meanwhile meanwhile)
            throws Exception {
        int threads = 4;
        ExecutorService openers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(openers.submit(() -> {
                    for (int i = 0; i < count / threads; i++) {
                        try (RawClient raw = new RawClient(port)) {
                            raw.write(bindTransmitter(i + 1, systemId, password));
                        }
                    }
                    return null;
                }));
            }
            meanwhile.run();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            openers.shutdownNow();
        }
    }

    /** A whole PDU: header with the given fields and {@code body}. */
    static byte[] pdu(int commandId, int status, int sequence, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int length = 16 + body.length;
        for (int value : new int[] {length, commandId, status, sequence}) {
            bytes.write(value >>> 24);
            bytes.write(value >>> 16);
            bytes.write(value >>> 8);
            bytes.write(value);
        }
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /** bind_transmitter (0x00000002) body, SMPP 3.4 §4.1.1, interface_version 0x34. */
    static byte[] bindTransmitter(int sequence, String systemId, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cString(body, systemId);
        cString(body, password);
        cString(body, "");
        body.write(0x34);
        body.write(0);
        body.write(0);
        cString(body, "");
        return pdu(0x00000002, 0, sequence, body.toByteArray());
    }

    /** submit_sm (0x00000004) body, SMPP 3.4 §4.4.1, with the given destination, validity and text. */
    static byte[] submitSm(int sequence, String destination, String validity, byte[] text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cString(body, "");
        body.write(5);
        body.write(0);
        cString(body, "ACME");
        body.write(1);
        body.write(1);
        cString(body, destination);
        body.write(0); // esm_class
        body.write(0); // protocol_id
        body.write(0); // priority_flag
        cString(body, "");
        cString(body, validity);
        body.write(0); // registered_delivery
        body.write(0); // replace_if_present_flag
        body.write(0); // data_coding
        body.write(0); // sm_default_msg_id
        body.write(text.length);
        body.writeBytes(text);
        return pdu(0x00000004, 0, sequence, body.toByteArray());
    }

    private static void cString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
