package io.smsgate.protocol.smpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionStateMachineTest {

    private final List<Harness> harnesses = new ArrayList<>();

    @AfterEach
    void nothingLeftBehind() {
        for (Harness h : harnesses) {
            h.channel.finishAndReleaseAll();
        }
    }

    private Harness server(String state) {
        Harness h = Harness.mc();
        harnesses.add(h);
        return switch (state) {
            case "OPEN" -> h;
            case "BOUND_TX" -> h.boundAsMc(BindType.TX);
            case "BOUND_RX" -> h.boundAsMc(BindType.RX);
            case "BOUND_TRX" -> h.boundAsMc(BindType.TRX);
            case "UNBINDING" -> h.boundAsMc(BindType.TRX).unbinding();
            default -> throw new IllegalArgumentException(state);
        };
    }

    private Harness client(String state) {
        Harness h = Harness.esme();
        harnesses.add(h);
        return switch (state) {
            case "OPEN" -> h;
            case "OUTBOUND" -> h.in(new Outbind(1, "smsc", "pw"));
            case "BOUND_TX" -> h.boundAsEsme(BindType.TX);
            case "BOUND_RX" -> h.boundAsEsme(BindType.RX);
            case "BOUND_TRX" -> h.boundAsEsme(BindType.TRX);
            case "UNBINDING" -> h.boundAsEsme(BindType.TRX).unbinding();
            default -> throw new IllegalArgumentException(state);
        };
    }

    // Checklist A12–A15: what an ESME's request gets from our server in each state; A12 closes after the answer.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        submit_sm before bind          | OPEN      | submit_sm          | SUBMIT_SM_RESP        | ESME_RINVBNDSTS | false
        unbind before bind             | OPEN      | unbind             | UNBIND_RESP           | ESME_RINVBNDSTS | false
        query_sm before bind           | OPEN      | query_sm           | QUERY_SM_RESP         | ESME_RINVBNDSTS | false
        enquire_link before bind       | OPEN      | enquire_link       | ENQUIRE_LINK_RESP     | ESME_ROK        | true
        submit_sm on a transmitter     | BOUND_TX  | submit_sm          | SUBMIT_SM_RESP        | ESME_ROK        | true
        deliver_sm from an ESME        | BOUND_TX  | deliver_sm         | DELIVER_SM_RESP       | ESME_RINVBNDSTS | true
        alert_notification from ESME   | BOUND_TX  | alert_notification | GENERIC_NACK          | ESME_RINVBNDSTS | true
        outbind from an ESME           | BOUND_TX  | outbind            | GENERIC_NACK          | ESME_RINVBNDSTS | true
        second bind on a transmitter   | BOUND_TX  | bind_transceiver   | BIND_TRANSCEIVER_RESP | ESME_RALYBND    | true
        submit_sm on a receiver        | BOUND_RX  | submit_sm          | SUBMIT_SM_RESP        | ESME_RINVBNDSTS | true
        data_sm on a receiver          | BOUND_RX  | data_sm            | DATA_SM_RESP          | ESME_RINVBNDSTS | true
        cancel_sm on a receiver        | BOUND_RX  | cancel_sm          | CANCEL_SM_RESP        | ESME_RINVBNDSTS | true
        enquire_link on a receiver     | BOUND_RX  | enquire_link       | ENQUIRE_LINK_RESP     | ESME_ROK        | true
        submit_sm on a transceiver     | BOUND_TRX | submit_sm          | SUBMIT_SM_RESP        | ESME_ROK        | true
        second bind on a transceiver   | BOUND_TRX | bind_transmitter   | BIND_TRANSMITTER_RESP | ESME_RALYBND    | true
        submit_sm while unbinding      | UNBINDING | submit_sm          | SUBMIT_SM_RESP        | ESME_RINVBNDSTS | true
        enquire_link while unbinding   | UNBINDING | enquire_link       | ENQUIRE_LINK_RESP     | ESME_ROK        | true
        bind while unbinding           | UNBINDING | bind_transceiver   | BIND_TRANSCEIVER_RESP | ESME_RALYBND    | true
        """)
    void serverAnswersEachStateAsTheOperationMatrixSays(String caseName, String state, String request,
            CommandId response, String status, boolean staysOpen) {
        Harness h = server(state);

        h.in(Pdus.request(request, 77));

        Response answer = h.out();
        assertThat(answer.commandId()).isEqualTo(response);
        assertThat(answer.sequenceNumber()).isEqualTo(77);
        assertThat(answer.commandStatus()).isEqualTo(CommandStatus.valueOf(status));
        assertThat(h.channel.isOpen()).isEqualTo(staysOpen);
    }

    // Checklist B18: an SMSC sending the wrong thing gets ESME_RINVBNDSTS and the bind carries on.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        deliver_sm before bind_resp    | OPEN      | deliver_sm         | DELIVER_SM_RESP       | ESME_RINVBNDSTS
        enquire_link before bind       | OPEN      | enquire_link       | ENQUIRE_LINK_RESP     | ESME_ROK
        deliver_sm after outbind       | OUTBOUND  | deliver_sm         | DELIVER_SM_RESP       | ESME_RINVBNDSTS
        deliver_sm on a transmitter    | BOUND_TX  | deliver_sm         | DELIVER_SM_RESP       | ESME_RINVBNDSTS
        bind sent by the SMSC          | BOUND_TX  | bind_transceiver   | BIND_TRANSCEIVER_RESP | ESME_RINVBNDSTS
        submit_sm sent by the SMSC     | BOUND_TRX | submit_sm          | SUBMIT_SM_RESP        | ESME_RINVBNDSTS
        deliver_sm on a receiver       | BOUND_RX  | deliver_sm         | DELIVER_SM_RESP       | ESME_ROK
        deliver_sm on a transceiver    | BOUND_TRX | deliver_sm         | DELIVER_SM_RESP       | ESME_ROK
        outbind when bound             | BOUND_RX  | outbind            | GENERIC_NACK          | ESME_RINVBNDSTS
        deliver_sm while unbinding     | UNBINDING | deliver_sm         | DELIVER_SM_RESP       | ESME_RINVBNDSTS
        """)
    void clientAnswersEachStateAsTheOperationMatrixSays(String caseName, String state, String request,
            CommandId response, String status) {
        Harness h = client(state);

        h.in(Pdus.request(request, 78));

        Response answer = h.out();
        assertThat(answer.commandId()).isEqualTo(response);
        assertThat(answer.sequenceNumber()).isEqualTo(78);
        assertThat(answer.commandStatus()).isEqualTo(CommandStatus.valueOf(status));
        assertThat(h.channel.isOpen()).isTrue();
    }

    @Test
    void alertNotificationReachesTheHandlerAndIsNeverAnswered() {
        List<CommandId> seen = new ArrayList<>();
        Harness h = Harness.esme(Harness.CONFIG, (session, request) -> {
            seen.add(request.commandId());
            return CompletableFuture.completedFuture(null);
        });
        harnesses.add(h);
        h.boundAsEsme(BindType.RX);

        h.in(Pdus.request("alert_notification", 5));

        assertThat(seen).containsExactly(CommandId.ALERT_NOTIFICATION);
        assertThat(h.next()).isNull();
    }

    @Test
    void acceptedBindIsAnsweredWithOurSystemIdAndInterfaceVersionAndReported() {
        Harness h = server("OPEN");

        h.in(Pdus.bind(9, BindType.TRX));

        BindResp resp = h.out();
        assertThat(resp).isEqualTo(BindResp.ok(BindType.TRX, 9, "smsgate", InterfaceVersion.V34));
        assertThat(h.session.state()).isEqualTo(SessionState.BOUND_TRX);
        assertThat(h.session.systemId()).isEqualTo("acme");
        assertThat(h.session.bindType()).contains(BindType.TRX);
        assertThat(h.session.tag()).isEqualTo("[acme " + h.channel.id().asShortText() + "]");
        assertThat(h.listener.events).containsExactly("answered BIND_TRANSCEIVER ESME_ROK",
                "state OPEN->BOUND_TRX");
    }

    @Test
    void smpp50BindIsAnsweredWithVersion50() {
        Harness h = server("OPEN");

        h.in(new io.smsgate.protocol.smpp.pdu.Bind(3, BindType.TX, "acme", "pw", "", InterfaceVersion.V50,
                io.smsgate.protocol.smpp.pdu.Address.EMPTY));

        BindResp resp = h.out();
        assertThat(resp.scInterfaceVersion()).contains(InterfaceVersion.V50);
        assertThat(h.session.interfaceVersion()).isEqualTo(InterfaceVersion.V50);
    }

    // Checklist A29: a 3.3 ESME gets no TLVs.
    @Test
    void smpp33BindIsAnsweredWithoutTlvs() {
        Harness h = server("OPEN");

        h.in(new io.smsgate.protocol.smpp.pdu.Bind(3, BindType.TX, "acme", "pw", "", InterfaceVersion.V33,
                io.smsgate.protocol.smpp.pdu.Address.EMPTY));

        BindResp resp = h.out();
        assertThat(resp.commandStatus()).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(resp.tlvs()).isEqualTo(Tlvs.EMPTY);
    }

    // Checklist A16: refused credentials get the decided status, then the connection closes.
    @Test
    void rejectedBindIsAnsweredWithTheStatusThenClosed() {
        Harness h = Harness.mc(Harness.CONFIG, (session, bind) -> CompletableFuture.completedFuture(
                BindDecision.reject(CommandStatus.ESME_RINVPASWD)));
        harnesses.add(h);

        h.in(Pdus.bind(4, BindType.TRX));

        BindResp resp = h.out();
        assertThat(resp.commandStatus()).isEqualTo(CommandStatus.ESME_RINVPASWD);
        assertThat(resp.sequenceNumber()).isEqualTo(4);
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.listener.events).containsExactly("answered BIND_TRANSCEIVER ESME_RINVPASWD",
                "state OPEN->CLOSED");
    }

    @Test
    void bindIsAnsweredOnlyWhenTheAuthenticatorCompletesAndASecondBindMeanwhileIsAlreadyBound() {
        CompletableFuture<BindDecision> decision = new CompletableFuture<>();
        Harness h = Harness.mc(Harness.CONFIG, (session, bind) -> decision);
        harnesses.add(h);

        h.in(Pdus.bind(1, BindType.TRX));
        assertThat(h.next()).isNull();
        h.in(Pdus.bind(2, BindType.TRX));
        BindResp second = h.out();
        decision.complete(BindDecision.accept(Harness.ACCEPT_ALL));
        h.channel.runPendingTasks();

        assertThat(second.sequenceNumber()).isEqualTo(2);
        assertThat(second.commandStatus()).isEqualTo(CommandStatus.ESME_RALYBND);
        BindResp first = h.out();
        assertThat(first.sequenceNumber()).isEqualTo(1);
        assertThat(first.commandStatus()).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(h.session.state()).isEqualTo(SessionState.BOUND_TRX);
    }

    @Test
    void failingAuthenticatorRefusesTheBindWithBindFail() {
        Harness h = Harness.mc(Harness.CONFIG, (session, bind) -> {
            throw new IllegalStateException("account store down");
        });
        harnesses.add(h);

        h.in(Pdus.bind(1, BindType.TX));

        BindResp resp = h.out();
        assertThat(resp.commandStatus()).isEqualTo(CommandStatus.ESME_RBINDFAIL);
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void clientBindCompletesWithTheBoundSessionAndTakesTheMcInterfaceVersion() {
        Harness h = client("OPEN");

        CompletableFuture<SmppSession> bound = h.session.bind(Pdus.bind(0, BindType.TRX));
        io.smsgate.protocol.smpp.pdu.Bind sent = h.out();
        h.in(new BindResp(sent.sequenceNumber(), BindType.TRX, CommandStatus.ESME_ROK, "smsc",
                Tlvs.of(new Tlv.ScInterfaceVersion(InterfaceVersion.V50))));

        assertThat(sent.sequenceNumber()).isEqualTo(1);
        assertThat(sent.systemId()).isEqualTo("acme");
        assertThat(bound).isCompletedWithValue(h.session);
        assertThat(h.session.state()).isEqualTo(SessionState.BOUND_TRX);
        assertThat(h.session.interfaceVersion()).isEqualTo(InterfaceVersion.V50);
        assertThat(h.listener.events).containsExactly("completed BIND_TRANSCEIVER ESME_ROK",
                "state OPEN->BOUND_TRX");
    }

    // Checklist B2: a refused bind fails the future with the status, and the connection closes.
    @Test
    void clientBindRefusedFailsWithTheStatusAndCloses() {
        Harness h = client("OPEN");

        CompletableFuture<SmppSession> bound = h.session.bind(Pdus.bind(0, BindType.TX));
        io.smsgate.protocol.smpp.pdu.Bind sent = h.out();
        h.in(BindResp.error(BindType.TX, sent.sequenceNumber(), CommandStatus.ESME_RINVPASWD));

        assertThat(bound).isCompletedExceptionally();
        SessionException e = (SessionException) bound.handle((s, t) -> t).join();
        assertThat(e.reason()).isEqualTo(SessionException.Reason.BIND_REJECTED);
        assertThat(e.status()).contains(CommandStatus.ESME_RINVPASWD);
        assertThat(h.channel.isOpen()).isFalse();
    }

    @Test
    void outbindMovesTheClientToOutboundWhereItBindsAsReceiver() {
        Harness h = client("OPEN");

        h.in(new Outbind(1, "smsc", "pw"));
        assertThat(h.session.state()).isEqualTo(SessionState.OUTBOUND);
        CompletableFuture<SmppSession> bound = h.session.bind(Pdus.bind(0, BindType.RX));
        io.smsgate.protocol.smpp.pdu.Bind sent = h.out();
        h.in(BindResp.ok(BindType.RX, sent.sequenceNumber(), "smsc", InterfaceVersion.V34));

        assertThat(bound).isCompletedWithValue(h.session);
        assertThat(h.listener.events).containsExactly("state OPEN->OUTBOUND", "outbind smsc",
                "completed BIND_RECEIVER ESME_ROK", "state OUTBOUND->BOUND_RX");
    }

    @Test
    void malformedPduIsAnsweredWithItsReplyAndTheSessionCarriesOn() {
        Harness h = server("BOUND_TRX");

        h.in(new io.smsgate.protocol.smpp.pdu.MalformedPdu(CommandId.SUBMIT_SM.code(), 12,
                CommandStatus.ESME_RINVMSGLEN, "sm_length: 300 (expected: <= 254)"));
        h.in(new io.smsgate.protocol.smpp.pdu.MalformedPdu(0x00000333, 13, CommandStatus.ESME_RINVCMDID,
                "command_id: 0x00000333 (expected: an SMPP command)"));
        h.in(Pdus.submitSm(14));

        Response first = h.out();
        Response second = h.out();
        Response third = h.out();
        assertThat(first).isEqualTo(io.smsgate.protocol.smpp.pdu.SubmitSmResp.error(12,
                CommandStatus.ESME_RINVMSGLEN));
        assertThat(second).isEqualTo(new io.smsgate.protocol.smpp.pdu.GenericNack(13, CommandStatus.ESME_RINVCMDID));
        assertThat(third.commandStatus()).isEqualTo(CommandStatus.ESME_ROK);
        assertThat(h.listener.events).contains("malformed ESME_RINVMSGLEN", "malformed ESME_RINVCMDID");
    }
}
