package io.smsgate.server.carrier;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two peers of bench/inflight-heap.sh (issue #4, heap per in-flight message), JDK only so that the script runs
 * them from test-classes alone:
 * <ul>
 *   <li>{@code carrier}: a black-hole SMSC on 127.0.0.1 that answers bind_transmitter/receiver/transceiver
 *   (SMPP 3.4 §4.1), enquire_link (§4.11) and unbind (§4.2) but never a submit_sm (§4.4): smsgate's window fills
 *   and every further message waits in its carrier queue, in memory;</li>
 *   <li>{@code submit}: an ESME that binds as a transmitter and submits COUNT messages, either {@code short}
 *   (20 characters) or {@code long} (three concatenated parts of 153 characters, UDH 8-bit reference, GSM 03.40
 *   §9.2.3.24.1), to distinct destinations, with WINDOW submit_sm outstanding at once, then exits.</li>
 * </ul>
 * {@code java -cp server/target/test-classes io.smsgate.server.carrier.InflightHeap carrier} prints
 * {@code carrier port=N}; {@code ... InflightHeap submit HOST PORT SYSTEM_ID PASSWORD COUNT short|long [WINDOW]
 * [FIRST]} prints {@code done ...} with the count of each command_status it was answered.
 */
final class InflightHeap {

    private static final int BIND_RECEIVER = 0x00000001;
    private static final int BIND_TRANSMITTER = 0x00000002;
    private static final int SUBMIT_SM = 0x00000004;
    private static final int UNBIND = 0x00000006;
    private static final int BIND_TRANSCEIVER = 0x00000009;
    private static final int ENQUIRE_LINK = 0x00000015;
    private static final int RESP = 0x80000000;
    private static final int LONG_PART_CHARACTERS = 153;
    private static final int LONG_PARTS = 3;

    private InflightHeap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("carrier")) {
            carrier();
        } else if (args.length >= 7 && args[0].equals("submit")) {
            int window = args.length > 7 ? Integer.parseInt(args[7]) : 100;
            long first = args.length > 8 ? Long.parseLong(args[8]) : 0;
            submit(new InetSocketAddress(args[1], Integer.parseInt(args[2])), args[3], args[4],
                    Integer.parseInt(args[5]), args[6].equals("long"), window, first);
        } else {
            System.err.println("usage: InflightHeap carrier | InflightHeap submit HOST PORT SYSTEM_ID PASSWORD COUNT"
                    + " short|long [WINDOW] [FIRST]");
            System.exit(2);
        }
    }

    // ---- the black-hole carrier ---------------------------------------------------------------------------------

    private static void carrier() throws IOException {
        AtomicLong submits = new AtomicLong();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("carrier port=" + server.getLocalPort());
            System.out.flush();
            Thread reporter = new Thread(() -> report(submits), "carrier-report");
            reporter.setDaemon(true);
            reporter.start();
            while (true) {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> blackHole(socket, submits), "carrier-connection");
                connection.setDaemon(true);
                connection.start();
            }
        }
    }

    private static void report(AtomicLong submits) {
        long last = -1;
        while (true) {
            long now = submits.get();
            if (now != last) {
                System.out.println("carrier submits=" + now);
                System.out.flush();
                last = now;
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }

    private static void blackHole(Socket socket, AtomicLong submits) {
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            while (true) {
                Header header = Header.read(in);
                switch (header.commandId) {
                    case BIND_RECEIVER, BIND_TRANSMITTER, BIND_TRANSCEIVER -> {
                        ByteArrayOutputStream body = new ByteArrayOutputStream();
                        cString(body, "blackhole");
                        out.write(pdu(header.commandId | RESP, 0, header.sequence, body.toByteArray()));
                    }
                    case ENQUIRE_LINK -> out.write(pdu(ENQUIRE_LINK | RESP, 0, header.sequence, new byte[0]));
                    case UNBIND -> {
                        out.write(pdu(UNBIND | RESP, 0, header.sequence, new byte[0]));
                        return;
                    }
                    case SUBMIT_SM -> submits.incrementAndGet();
                    default -> {
                        // responses (deliver_sm_resp never comes: we send no deliver_sm) and anything else: ignored
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            System.out.println("carrier connection closed cause=" + e);
        }
    }

    // ---- the submitting ESME ------------------------------------------------------------------------------------

    private static void submit(InetSocketAddress server, String systemId, String password, int count, boolean long3,
                               int window, long first) throws Exception {
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(window);
        AtomicLong answered = new AtomicLong();
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(server, 10_000);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            ByteArrayOutputStream bind = new ByteArrayOutputStream();
            cString(bind, systemId);
            cString(bind, password);
            cString(bind, "");
            bind.write(0x34);
            bind.write(0);
            bind.write(0);
            cString(bind, "");
            out.write(pdu(BIND_TRANSMITTER, 0, 1, bind.toByteArray()));
            out.flush();
            Header bound = Header.read(in);
            if (bound.commandId != (BIND_TRANSMITTER | RESP) || bound.status != 0) {
                throw new IOException("bind_transmitter_resp: command_id=" + Integer.toHexString(bound.commandId)
                        + " command_status=" + bound.status + " (expected: 0x80000002, 0)");
            }
            AtomicBoolean finished = new AtomicBoolean();
            Thread reader = new Thread(() -> answers(in, out, slots, statuses, answered, finished),
                    "submit-answers");
            reader.setDaemon(true);
            reader.start();
            int sequence = 2;
            long parts = (long) count * (long3 ? LONG_PARTS : 1);
            for (long i = first; i < first + count; i++) {
                String destination = String.format("4477%08d", i);
                int reference = (int) (i & 0xFF);
                for (int part = 1; part <= (long3 ? LONG_PARTS : 1); part++) {
                    if (!slots.tryAcquire()) {
                        synchronized (out) {
                            out.flush();
                        }
                        slots.acquire();
                    }
                    byte[] message = long3 ? longPart(i, reference, part) : text(i, 20);
                    synchronized (out) {
                        out.write(pdu(SUBMIT_SM, 0, sequence++, submitBody(destination, long3 ? 0x40 : 0,
                                message)));
                    }
                }
            }
            synchronized (out) {
                out.flush();
            }
            slots.acquire(window);
            finished.set(true);
            Map<String, Long> byStatus = new TreeMap<>();
            statuses.forEach((status, n) -> byStatus.put(String.format("0x%08x", status), n.get()));
            System.out.printf("done messages=%d parts=%d answered=%d statuses=%s elapsed_ms=%d%n", count, parts,
                    answered.get(), byStatus, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private static void answers(DataInputStream in, OutputStream out, Semaphore slots,
                                Map<Integer, AtomicLong> statuses, AtomicLong answered, AtomicBoolean finished) {
        try {
            while (true) {
                Header header = Header.read(in);
                if (header.commandId == (SUBMIT_SM | RESP)) {
                    statuses.computeIfAbsent(header.status, s -> new AtomicLong()).incrementAndGet();
                    answered.incrementAndGet();
                    slots.release();
                } else if (header.commandId == ENQUIRE_LINK) {
                    synchronized (out) {
                        out.write(pdu(ENQUIRE_LINK | RESP, 0, header.sequence, new byte[0]));
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            if (!finished.get()) {
                System.err.println("submit connection closed early cause=" + e);
                System.exit(1);
            }
        }
    }

    /** submit_sm body, SMPP 3.4 §4.4.1: alphanumeric source, international destination, data_coding 0. */
    private static byte[] submitBody(String destination, int esmClass, byte[] message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cString(body, "");
        body.write(5); // source_addr_ton: alphanumeric
        body.write(0);
        cString(body, "ACME");
        body.write(1); // dest_addr_ton: international
        body.write(1); // dest_addr_npi: E.164
        cString(body, destination);
        body.write(esmClass);
        body.write(0); // protocol_id
        body.write(0); // priority_flag
        cString(body, "");
        cString(body, "");
        body.write(0); // registered_delivery
        body.write(0); // replace_if_present_flag
        body.write(0); // data_coding: SMSC default alphabet
        body.write(0); // sm_default_msg_id
        body.write(message.length);
        body.writeBytes(message);
        return body.toByteArray();
    }

    /** One part of a three-part message: the concatenation IE (00 03 ref total seq) and 153 characters. */
    private static byte[] longPart(long message, int reference, int part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) LONG_PARTS, (byte) part});
        bytes.writeBytes(text(message * LONG_PARTS + part, LONG_PART_CHARACTERS));
        return bytes.toByteArray();
    }

    /** {@code length} GSM 03.38 letters, varied by {@code seed} so that no two messages share their text. */
    private static byte[] text(long seed, int length) {
        byte[] text = new byte[length];
        long value = seed;
        for (int i = 0; i < length; i++) {
            text[i] = (byte) ('a' + (int) Math.floorMod(value + i * 7L, 26));
            value /= 3;
        }
        return text;
    }

    private static byte[] pdu(int commandId, int status, int sequence, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + body.length);
        for (int value : new int[] {16 + body.length, commandId, status, sequence}) {
            bytes.write(value >>> 24);
            bytes.write(value >>> 16);
            bytes.write(value >>> 8);
            bytes.write(value);
        }
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private static void cString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
    }

    /** A PDU's header (SMPP 3.4 §3.2); its body is read and dropped. */
    private record Header(int commandId, int status, int sequence) {
        static Header read(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 16 || length > 65536) {
                throw new IOException("command_length: " + length + " (expected: 16..65536)");
            }
            Header header = new Header(in.readInt(), in.readInt(), in.readInt());
            in.readFully(new byte[length - 16]);
            return header;
        }
    }
}
