package io.smsgate.server.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTableTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ok                    | ESME_ROK          | SUCCESS
        throttled (B5)        | ESME_RTHROTTLED   | THROTTLED
        queue full (B6)       | ESME_RMSGQFUL     | THROTTLED
        system error (B7)     | ESME_RSYSERR      | TEMPORARY
        temporary app (B7)    | ESME_RX_T_APPN    | TEMPORARY
        submit failed         | ESME_RSUBMITFAIL  | ROUTE_FAILURE
        bad destination (B8)  | ESME_RINVDSTADR   | PERMANENT
        bad data coding (B8)  | ESME_RINVDCS      | PERMANENT
        """)
    void classifiesStandardStatuses(String caseName, String status, StatusClass expected) {
        assertThat(StatusTable.STANDARD.classify(CommandStatus.valueOf(status).code())).isEqualTo(expected);
    }

    @Test
    void unknownVendorCodesArePermanentUnlessTheCarrierTableSaysOtherwise() {
        assertThat(StatusTable.STANDARD.classify(0x400)).isEqualTo(StatusClass.PERMANENT);
        assertThat(StatusTable.STANDARD.with(0x400, StatusClass.ROUTE_FAILURE).classify(0x400))
                .isEqualTo(StatusClass.ROUTE_FAILURE);
    }
}
