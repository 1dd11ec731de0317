package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-carrier classification of submit_sm_resp command_status values (SMPP 3.4 §5.1.3): the defaults below, with
 * the carrier's own {@code statuses:} entries on top (vendor codes 0x400–0x4FF included). Unlisted error codes are
 * PERMANENT: a code we do not know is not a reason to send the message again.
 */
public record StatusTable(Map<Integer, StatusClass> overrides) {

    /** Kannel's and Jasmin's reading of the standard codes (reliability.md B5–B9). */
    static final Map<Integer, StatusClass> DEFAULTS = Map.ofEntries(
            Map.entry(CommandStatus.ESME_ROK.code(), StatusClass.SUCCESS),
            Map.entry(CommandStatus.ESME_RTHROTTLED.code(), StatusClass.THROTTLED),
            Map.entry(CommandStatus.ESME_RMSGQFUL.code(), StatusClass.THROTTLED),
            Map.entry(CommandStatus.ESME_RSYSERR.code(), StatusClass.TEMPORARY),
            Map.entry(CommandStatus.ESME_RX_T_APPN.code(), StatusClass.TEMPORARY),
            Map.entry(CommandStatus.ESME_RINVBNDSTS.code(), StatusClass.ROUTE_FAILURE),
            Map.entry(CommandStatus.ESME_RSUBMITFAIL.code(), StatusClass.ROUTE_FAILURE),
            Map.entry(CommandStatus.ESME_RUNKNOWNERR.code(), StatusClass.ROUTE_FAILURE),
            Map.entry(CommandStatus.ESME_RDELIVERYFAILURE.code(), StatusClass.ROUTE_FAILURE));

    public static final StatusTable STANDARD = new StatusTable(Map.of());

    public StatusTable {
        requireNonNull(overrides, "overrides");
        overrides = Map.copyOf(overrides);
        if (overrides.getOrDefault(0, StatusClass.SUCCESS) != StatusClass.SUCCESS) {
            throw new IllegalArgumentException("statuses.0x00000000: " + overrides.get(0) + " (expected: SUCCESS)");
        }
        for (Map.Entry<Integer, StatusClass> entry : overrides.entrySet()) {
            if (entry.getKey() != 0 && entry.getValue() == StatusClass.SUCCESS) {
                throw new IllegalArgumentException(String.format("statuses.0x%08x: SUCCESS (expected: only for 0)",
                        entry.getKey()));
            }
        }
    }

    /** The class of {@code commandStatus} at this carrier. */
    public StatusClass classify(int commandStatus) {
        StatusClass own = overrides.get(commandStatus);
        if (own != null) {
            return own;
        }
        return DEFAULTS.getOrDefault(commandStatus, StatusClass.PERMANENT);
    }

    /** The table with {@code commandStatus} classified as {@code statusClass}. */
    public StatusTable with(int commandStatus, StatusClass statusClass) {
        Map<Integer, StatusClass> copy = new HashMap<>(overrides);
        copy.put(commandStatus, statusClass);
        return new StatusTable(copy);
    }
}
