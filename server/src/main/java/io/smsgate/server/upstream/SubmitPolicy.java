package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import java.util.Set;

/**
 * What the upstream server accepts in submit_sm, data_sm and submit_multi ({@code smpp.submit.*}).
 *
 * @param dataCodings the data_coding values accepted (Checklist A19)
 * @param invalidDcsOn34 the status for a refused data_coding on a 3.4 bind, where ESME_RINVDCS (a 5.0 code) may be
 *     unknown to the client
 * @param maxMessageOctets the longest message_payload, and the most octets a concatenated message may total
 */
public record SubmitPolicy(Set<Integer> dataCodings, CommandStatus invalidDcsOn34, int maxMessageOctets) {

    /** GSM-7 (0), IA5 (1), Latin-1 (3), 8-bit binary (4, 0xF4), UCS-2 (8); 3.4 fallback ESME_RSUBMITFAIL; 64 KiB. */
    public static final SubmitPolicy DEFAULTS = new SubmitPolicy(Set.of(0x00, 0x01, 0x03, 0x04, 0x08, 0xF0, 0xF4),
            CommandStatus.ESME_RSUBMITFAIL, 65_535);

    public SubmitPolicy {
        dataCodings = Set.copyOf(dataCodings);
        if (dataCodings.isEmpty()) {
            throw new IllegalArgumentException("smpp.submit.data-codings: [] (expected: at least one data_coding)");
        }
        for (int dataCoding : dataCodings) {
            if (dataCoding < 0 || dataCoding > 0xFF) {
                throw new IllegalArgumentException("smpp.submit.data-codings: " + dataCoding
                        + " (expected: 0..255 each)");
            }
        }
        requireNonNull(invalidDcsOn34, "invalidDcsOn34");
        if (invalidDcsOn34.isOk()) {
            throw new IllegalArgumentException("smpp.submit.invalid-dcs-on34: ESME_ROK (expected: an error)");
        }
        if (maxMessageOctets < 1 || maxMessageOctets > 65_535) {
            throw new IllegalArgumentException("smpp.submit.max-message-octets: " + maxMessageOctets
                    + " (expected: 1..65535)");
        }
    }
}
