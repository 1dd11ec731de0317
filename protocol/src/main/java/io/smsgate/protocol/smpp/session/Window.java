package io.smsgate.protocol.smpp.session;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.Response;
import java.util.concurrent.CompletableFuture;

/**
 * The requests we sent and the peer has not answered yet (SMPP 3.4 §2.7), keyed by sequence_number. An open ring
 * of primitive arrays indexed by {@code sequence_number & mask}: the ring has at least twice as many slots as the
 * window may hold, and the session picks sequence numbers whose slot is free, so a lookup is one array read and
 * nothing is boxed. Touched only on the channel's event loop.
 */
final class Window {

    private final int maxOutstanding;
    private final int mask;
    private final int[] sequences;
    private final CommandId[] commands;
    private final Object[] futures;
    private final long[] sentAt;
    private final long[] deadlines;
    private final boolean[] counted;
    private int size;
    private int countedSize;

    Window(int maxOutstanding) {
        this.maxOutstanding = maxOutstanding;
        // +4: enquire_link, unbind and bind travel beside the window and never wait for a slot.
        int capacity = Integer.highestOneBit(Math.max(16, 2 * (maxOutstanding + 4)) - 1) << 1;
        this.mask = capacity - 1;
        this.sequences = new int[capacity];
        this.commands = new CommandId[capacity];
        this.futures = new Object[capacity];
        this.sentAt = new long[capacity];
        this.deadlines = new long[capacity];
        this.counted = new boolean[capacity];
    }

    int maxOutstanding() {
        return maxOutstanding;
    }

    /** Requests that count against max-outstanding (every request but enquire_link, bind and unbind). */
    int outstanding() {
        return countedSize;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return countedSize >= maxOutstanding;
    }

    int capacity() {
        return mask + 1;
    }

    /** True when {@code sequenceNumber} may be issued: its slot holds no request. */
    boolean isFree(int sequenceNumber) {
        return sequences[sequenceNumber & mask] == 0;
    }

    void add(int sequenceNumber, CommandId command, CompletableFuture<Response> future, long now, long deadline,
            boolean countsAgainstWindow) {
        int i = sequenceNumber & mask;
        if (sequenceNumber == 0 || sequences[i] != 0) {
            throw new IllegalStateException("window slot for sequence_number " + sequenceNumber + " is taken by "
                    + sequences[i]);
        }
        sequences[i] = sequenceNumber;
        commands[i] = command;
        futures[i] = future;
        sentAt[i] = now;
        deadlines[i] = deadline;
        counted[i] = countsAgainstWindow;
        size++;
        if (countsAgainstWindow) {
            countedSize++;
        }
    }

    /** The slot of {@code sequenceNumber}, or -1 when no such request is outstanding. */
    int find(int sequenceNumber) {
        int i = sequenceNumber & mask;
        return sequenceNumber != 0 && sequences[i] == sequenceNumber ? i : -1;
    }

    /** True when slot {@code i} holds a request (for scans over {@link #capacity()}). */
    boolean isTaken(int i) {
        return sequences[i] != 0;
    }

    int sequenceNumber(int slot) {
        return sequences[slot];
    }

    CommandId command(int slot) {
        return commands[slot];
    }

    long sentAt(int slot) {
        return sentAt[slot];
    }

    long deadline(int slot) {
        return deadlines[slot];
    }

    /** Frees {@code slot} and hands back the future of the request it held. */
    @SuppressWarnings("unchecked")
    CompletableFuture<Response> remove(int slot) {
        CompletableFuture<Response> future = (CompletableFuture<Response>) futures[slot];
        if (counted[slot]) {
            countedSize--;
        }
        sequences[slot] = 0;
        commands[slot] = null;
        futures[slot] = null;
        counted[slot] = false;
        size--;
        return future;
    }

    /** The earliest deadline of any outstanding request, {@link Long#MAX_VALUE} when the window is empty. */
    long earliestDeadline() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        long earliest = 0;
        boolean found = false;
        for (int i = 0; i <= mask; i++) {
            // nanoTime values may be negative: compare by difference, as System.nanoTime's contract asks
            if (sequences[i] != 0 && (!found || deadlines[i] - earliest < 0)) {
                earliest = deadlines[i];
                found = true;
            }
        }
        return earliest;
    }
}
