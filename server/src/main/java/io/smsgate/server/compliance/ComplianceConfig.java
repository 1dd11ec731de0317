package io.smsgate.server.compliance;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opt-out keywords, auto-replies and quiet hours ({@code compliance:} in smsgate.yaml; issue #6, "Two-way and
 * compliance").
 *
 * @param optOutScope what STOP opts out of: the sender number, or the whole account
 * @param smppStatus the command_status a submit_sm to an opted-out recipient is refused with
 * @param refreshInterval how often the in-memory opt-out list is read again from the table (other nodes' changes)
 * @param languages keyword sets by language name, tried in order
 * @param quietHours windows in which messages are held, first matching rule wins
 */
public record ComplianceConfig(OptOutScope optOutScope, CommandStatus smppStatus, Duration refreshInterval,
                               Map<String, KeywordSet> languages, List<QuietHoursRule> quietHours) {

    // SMPP 3.4 §5.1.3: 0x60–0x7F are "reserved for SMSC vendor specific errors"; 0x65 ESME_RX_P_APPN is the
    // permanent application error ("ESME receiver permanent app error" in 3.4, "ESME Receiver Reject Message Error"
    // in 5.0), which clients treat as "do not retry", the right answer to an opt-out.
    public static final ComplianceConfig DEFAULTS = new ComplianceConfig(OptOutScope.SENDER,
            CommandStatus.ESME_RX_P_APPN, Duration.ofSeconds(30), Map.of("en", KeywordSet.ENGLISH), List.of());

    public ComplianceConfig {
        requireNonNull(optOutScope, "optOutScope");
        requireNonNull(smppStatus, "smppStatus");
        requireNonNull(refreshInterval, "refreshInterval");
        if (smppStatus.isOk()) {
            throw new IllegalArgumentException("compliance.smpp-status: ESME_ROK (expected: an error status)");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("compliance.refresh-interval: " + refreshInterval
                    + " (expected: > 0)");
        }
        // Insertion order is the order languages are tried in.
        languages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(languages));
        quietHours = List.copyOf(quietHours);
    }
}
