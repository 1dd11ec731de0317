package io.smsgate.simulator.load;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The result of one load run, as written to the JSON result file and read by scenario assertions.
 *
 * @param acceptedPerSecond accepted submits per second over the whole run
 * @param unanswered submits with no response (timeout or connection lost): outcome unknown
 * @param statusCounts responses per command_status, keyed {@code 0x00000058 ESME_RTHROTTLED}
 */
public record LoadResult(
        String description,
        String startedAt,
        double durationSeconds,
        long submitted,
        long accepted,
        long rejected,
        long unanswered,
        Map<String, Long> statusCounts,
        double acceptedPerSecond,
        Receipts receipts,
        LatencySummary submitResponse,
        LatencySummary receipt,
        List<SeriesPoint> series) {

    public LoadResult {
        requireNonNull(description, "description");
        requireNonNull(startedAt, "startedAt");
        statusCounts = Map.copyOf(statusCounts);
        requireNonNull(receipts, "receipts");
        requireNonNull(submitResponse, "submitResponse");
        requireNonNull(receipt, "receipt");
        series = List.copyOf(series);
    }

    /**
     * Receipt matching: every accepted message that asked for a receipt against the final receipts received.
     *
     * @param awaited accepted messages that asked for a receipt
     * @param matched those that got at least one final receipt
     * @param lost those that got none
     * @param doubled those that got more than one
     * @param extra final receipts beyond the first per message
     * @param unmatched final receipts for ids this run never had accepted
     * @param intermediate intermediate receipts (ENROUTE …), not matched
     * @param duplicateIds message ids the server issued for two different submits
     */
    public record Receipts(long awaited, long matched, long lost, long doubled, long extra, long unmatched,
            long intermediate, long duplicateIds) {
    }
}
