package io.smsgate.server.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between smsgate and a simulated carrier that keeps every SMPP frame smsgate sent, byte for byte, so a
 * test can read exactly what the carrier received without trusting our own codec (frames are split by the 4-octet
 * command_length alone, SMPP 3.4 §3.2). Carrier to smsgate is relayed untouched.
 */
final class RecordingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<byte[]> frames = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RecordingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Every frame smsgate sent, whole, in the order the carrier got them (across connections). */
    List<byte[]> frames() {
        return List.copyOf(frames);
    }

    /** The frames with this command_id. */
    List<byte[]> frames(int commandId) {
        List<byte[]> matching = new ArrayList<>();
        for (byte[] frame : frames) {
            if (ByteBuffer.wrap(frame).getInt(4) == commandId) {
                matching.add(frame);
            }
        }
        return matching;
    }

    void clear() {
        frames.clear();
    }

    private Void accept() throws IOException {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return null;
            }
            Socket carrier = new Socket(target.getAddress(), target.getPort());
            sockets.add(client);
            sockets.add(carrier);
            threads.submit(() -> recordFrames(client, carrier));
            threads.submit(() -> copy(carrier, client));
        }
        return null;
    }

    private Void recordFrames(Socket from, Socket to) throws IOException {
        try (from; to) {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                int length = in.readInt();
                if (length < 16 || length > 65_536) {
                    throw new IOException("command_length: " + length + " (expected: 16..65536)");
                }
                byte[] frame = new byte[length];
                ByteBuffer.wrap(frame).putInt(length);
                in.readFully(frame, 4, length - 4);
                frames.add(frame);
                out.write(frame);
                out.flush();
            }
        } catch (EOFException | java.net.SocketException e) {
            return null;
        }
    }

    private Void copy(Socket from, Socket to) throws IOException {
        try (from; to) {
            InputStream in = from.getInputStream();
            in.transferTo(to.getOutputStream());
        } catch (java.net.SocketException e) {
            return null;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
