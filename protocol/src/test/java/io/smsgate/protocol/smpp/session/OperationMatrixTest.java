package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperationMatrixTest {

    // SMPP 5.0 §2.4: who may send what in which state (domain notes §5; Checklist A12–A15, B18).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ESME binds when open                  | ESME | OPEN      | BIND_TRANSCEIVER   | ESME_ROK
        ESME binds after outbind              | ESME | OUTBOUND  | BIND_RECEIVER      | ESME_ROK
        ESME binds twice                      | ESME | BOUND_TX  | BIND_TRANSMITTER   | ESME_RALYBND
        ESME binds while unbinding            | ESME | UNBINDING | BIND_TRANSCEIVER   | ESME_RALYBND
        MC sends a bind                       | MC   | OPEN      | BIND_TRANSCEIVER   | ESME_RINVBNDSTS
        enquire_link before bind              | ESME | OPEN      | ENQUIRE_LINK       | ESME_ROK
        enquire_link while unbinding          | MC   | UNBINDING | ENQUIRE_LINK       | ESME_ROK
        enquire_link when closed              | ESME | CLOSED    | ENQUIRE_LINK       | ESME_RINVBNDSTS
        submit_sm before bind                 | ESME | OPEN      | SUBMIT_SM          | ESME_RINVBNDSTS
        submit_sm on a transmitter            | ESME | BOUND_TX  | SUBMIT_SM          | ESME_ROK
        submit_sm on a receiver               | ESME | BOUND_RX  | SUBMIT_SM          | ESME_RINVBNDSTS
        submit_sm on a transceiver            | ESME | BOUND_TRX | SUBMIT_SM          | ESME_ROK
        submit_sm while unbinding             | ESME | UNBINDING | SUBMIT_SM          | ESME_RINVBNDSTS
        submit_sm sent by the MC              | MC   | BOUND_TRX | SUBMIT_SM          | ESME_RINVBNDSTS
        submit_multi on a transmitter         | ESME | BOUND_TX  | SUBMIT_MULTI       | ESME_ROK
        query_sm on a receiver                | ESME | BOUND_RX  | QUERY_SM           | ESME_RINVBNDSTS
        cancel_sm on a transceiver            | ESME | BOUND_TRX | CANCEL_SM          | ESME_ROK
        replace_sm on a transmitter           | ESME | BOUND_TX  | REPLACE_SM         | ESME_ROK
        broadcast_sm on a receiver            | ESME | BOUND_RX  | BROADCAST_SM       | ESME_RINVBNDSTS
        deliver_sm to a receiver              | MC   | BOUND_RX  | DELIVER_SM         | ESME_ROK
        deliver_sm to a transceiver           | MC   | BOUND_TRX | DELIVER_SM         | ESME_ROK
        deliver_sm to a transmitter           | MC   | BOUND_TX  | DELIVER_SM         | ESME_RINVBNDSTS
        deliver_sm before bind_resp           | MC   | OPEN      | DELIVER_SM         | ESME_RINVBNDSTS
        deliver_sm after outbind              | MC   | OUTBOUND  | DELIVER_SM         | ESME_RINVBNDSTS
        deliver_sm sent by an ESME            | ESME | BOUND_TRX | DELIVER_SM         | ESME_RINVBNDSTS
        data_sm from ESME on transmitter      | ESME | BOUND_TX  | DATA_SM            | ESME_ROK
        data_sm from ESME on receiver         | ESME | BOUND_RX  | DATA_SM            | ESME_RINVBNDSTS
        data_sm from MC on receiver           | MC   | BOUND_RX  | DATA_SM            | ESME_ROK
        data_sm from MC on transmitter        | MC   | BOUND_TX  | DATA_SM            | ESME_RINVBNDSTS
        alert_notification to a receiver      | MC   | BOUND_RX  | ALERT_NOTIFICATION | ESME_ROK
        alert_notification sent by an ESME    | ESME | BOUND_TRX | ALERT_NOTIFICATION | ESME_RINVBNDSTS
        outbind from the MC when open         | MC   | OPEN      | OUTBIND            | ESME_ROK
        outbind from the MC when bound        | MC   | BOUND_RX  | OUTBIND            | ESME_RINVBNDSTS
        outbind sent by an ESME               | ESME | OPEN      | OUTBIND            | ESME_RINVBNDSTS
        unbind before bind                    | ESME | OPEN      | UNBIND             | ESME_RINVBNDSTS
        unbind when bound                     | MC   | BOUND_TX  | UNBIND             | ESME_ROK
        unbind while unbinding                | ESME | UNBINDING | UNBIND             | ESME_ROK
        """)
    void admitsWhatTheOperationMatrixAllows(String caseName, SessionRole sender, SessionState state,
            CommandId command, String expected) {
        assertThat(OperationMatrix.admit(sender, state, command)).isEqualTo(CommandStatus.valueOf(expected));
    }

    @Test
    void refusesToJudgeResponses() {
        assertThatThrownBy(() -> OperationMatrix.admit(SessionRole.ESME, SessionState.BOUND_TRX,
                CommandId.SUBMIT_SM_RESP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command_id: SUBMIT_SM_RESP (expected: a request)");
    }
}
