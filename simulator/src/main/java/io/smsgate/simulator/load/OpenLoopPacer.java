package io.smsgate.simulator.load;

/**
 * The open-loop schedule of a load phase: message k is due at {@code start + k / rate}, whatever happened to
 * message k-1. Latency is measured from these intended times, so a server that stalls cannot hide its stall
 * by slowing the client down (no coordinated omission). Time is passed in.
 */
public final class OpenLoopPacer {
    private final double ratePerSecond;
    private final long startNanos;
    private final double nanosPerMessage;

    public OpenLoopPacer(double ratePerSecond, long startNanos) {
        if (!(ratePerSecond > 0.0 && ratePerSecond <= 10_000_000.0)) {
            throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: > 0 and <= 10000000 per second)");
        }
        this.ratePerSecond = ratePerSecond;
        this.startNanos = startNanos;
        this.nanosPerMessage = 1e9 / ratePerSecond;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** When message {@code index} (from 0) should be sent. */
    public long intendedTime(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        return startNanos + (long) Math.ceil(index * nanosPerMessage);
    }

    /** How many messages are due at {@code nowNanos}: those with an intended time at or before it. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long due = (long) Math.floor((nowNanos - startNanos) / nanosPerMessage) + 1;
        // Guard the floating-point edge so that intendedTime(dueBy(t) - 1) <= t < intendedTime(dueBy(t)) holds exactly.
        while (due > 0 && intendedTime(due - 1) > nowNanos) {
            due--;
        }
        while (intendedTime(due) <= nowNanos) {
            due++;
        }
        return due;
    }

    /** How many messages a phase of {@code durationNanos} holds. */
    public long messagesIn(long durationNanos) {
        return dueBy(startNanos + durationNanos - 1);
    }
}
