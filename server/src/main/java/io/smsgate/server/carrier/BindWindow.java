package io.smsgate.server.carrier;

/**
 * How many submit_sm one carrier bind may have awaiting their response now (SMPP 3.4 §2.6, windowing): its
 * configured size, halved (down to 1) when the connection is lost with requests in flight, and grown back by one
 * per window's worth of answers (additive increase, multiplicative decrease, as TCP does).
 *
 * <p>Why: a carrier that resets the connection after k requests, k below our window, loses the whole window each
 * time; resubmitted as one burst, the same messages meet the next reset again and nothing is ever carried (a
 * livelock). With the window halved at each such loss it comes down below k, and each connection carries about
 * k - 1 messages. Touched only on its connector's thread.
 */
final class BindWindow {

    private final int size;
    private int limit;
    private int answersSinceGrowth;

    BindWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("binds.window: " + size + " (expected: >= 1)");
        }
        this.size = size;
        this.limit = size;
    }

    /** Requests that may be in flight now. */
    int limit() {
        return limit;
    }

    /** The configured window. */
    int size() {
        return size;
    }

    /** The connection was lost with requests in flight: halves the limit (at least 1) and returns the new one. */
    int halve() {
        limit = Math.max(1, limit / 2);
        answersSinceGrowth = 0;
        return limit;
    }

    /** The carrier answered a request: one more per {@code limit} answers, up to the size. True when it got there. */
    boolean answered() {
        if (limit >= size || ++answersSinceGrowth < limit) {
            return false;
        }
        answersSinceGrowth = 0;
        limit++;
        return limit == size;
    }
}
