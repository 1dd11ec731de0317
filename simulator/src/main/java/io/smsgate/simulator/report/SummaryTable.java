package io.smsgate.simulator.report;

import io.smsgate.simulator.load.LatencySummary;
import io.smsgate.simulator.load.LoadResult;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summary a person reads on the terminal. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(LoadResult result) {
        StringBuilder out = new StringBuilder(1024);
        line(out, "run", result.description());
        line(out, "started", result.startedAt());
        line(out, "duration", String.format(Locale.ROOT, "%.1f s", result.durationSeconds()));
        line(out, "submitted", Long.toString(result.submitted()));
        line(out, "accepted", String.format(Locale.ROOT, "%d (%.0f msg/s)", result.accepted(),
                result.acceptedPerSecond()));
        line(out, "rejected", Long.toString(result.rejected()));
        line(out, "unanswered", Long.toString(result.unanswered()));
        for (Map.Entry<String, Long> status : result.statusCounts().entrySet()) {
            line(out, "  status " + status.getKey(), Long.toString(status.getValue()));
        }
        LoadResult.Receipts receipts = result.receipts();
        line(out, "receipts awaited", Long.toString(receipts.awaited()));
        line(out, "receipts matched", Long.toString(receipts.matched()));
        line(out, "lost (no final receipt)", Long.toString(receipts.lost()));
        line(out, "doubled (>1 final receipt)", Long.toString(receipts.doubled()));
        line(out, "receipts for unknown ids", Long.toString(receipts.unmatched()));
        line(out, "intermediate receipts", Long.toString(receipts.intermediate()));
        out.append(String.format(Locale.ROOT, "%n%-28s %10s %10s %10s %10s %10s %10s%n", "latency (ms)", "count",
                "p50", "p90", "p99", "p99.9", "max"));
        latency(out, "submit -> submit_sm_resp", result.submitResponse());
        latency(out, "submit -> final receipt", result.receipt());
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-28s %s%n", name, value));
    }

    private static void latency(StringBuilder out, String name, LatencySummary summary) {
        out.append(String.format(Locale.ROOT, "%-28s %10d %10.3f %10.3f %10.3f %10.3f %10.3f%n", name,
                summary.count(), summary.p50(), summary.p90(), summary.p99(), summary.p999(), summary.max()));
    }
}
