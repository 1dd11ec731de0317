package io.smsgate.simulator.cli;

import io.smsgate.simulator.load.SeriesPoint;
import java.io.PrintWriter;
import java.util.Locale;

/** The live progress line of long runs, rewritten in place once a second. */
final class Progress {
    private Progress() {
    }

    static void print(PrintWriter err, SeriesPoint point) {
        err.print(String.format(Locale.ROOT,
                "\r%6.0fs  sent %8.0f/s  accepted %8.0f/s  rejected %6d  receipts %8.0f/s  resp p50 %7.2f p99 %8.2f ms  "
                        + "receipt p99 %9.1f ms ",
                point.elapsedSeconds(), point.submittedPerSecond(), point.acceptedPerSecond(), point.rejected(),
                point.receiptsPerSecond(), point.submitResponse().p50(), point.submitResponse().p99(),
                point.receipt().p99()));
        err.flush();
    }
}
