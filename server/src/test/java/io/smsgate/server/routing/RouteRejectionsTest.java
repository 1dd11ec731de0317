package io.smsgate.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.routing.RoutePlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteRejectionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        INVALID_DESTINATION | ESME_RINVDSTADR  | 400 | invalid-destination
        UNKNOWN_ACCOUNT     | ESME_RPROHIBITED | 403 | unknown-account
        NO_ROUTE            | ESME_RINVDSTADR  | 422 | no-route
        BLOCKED             | ESME_RPROHIBITED | 403 | blocked
        ABOVE_PRICE         | ESME_RPROHIBITED | 403 | above-price
        SENDER_NOT_ALLOWED  | ESME_RINVSRCADR  | 400 | sender-not-allowed
        ROUTES_UNAVAILABLE  | ESME_RX_T_APPN   | 503 | routes-unavailable
        ROUTES_EXHAUSTED    | ESME_RSUBMITFAIL | 503 | routes-exhausted
        ROUTE_WAIT_EXPIRED  | ESME_RX_T_APPN   | 503 | route-wait-expired
        RESPONSE_TIMEOUT    | ESME_RX_T_APPN   | 504 | response-timeout
        MESSAGE_REFUSED     | ESME_RX_P_APPN   | 422 | message-refused
        """)
    void everyReasonHasOneSmppStatusAndOneProblem(RoutePlan.Reason reason, String status, int http, String type) {
        assertThat(RouteRejections.commandStatus(reason)).isEqualTo(CommandStatus.valueOf(status));
        assertThat(RouteRejections.httpStatus(reason)).isEqualTo(http);
        assertThat(RouteRejections.problemType(reason)).isEqualTo("https://smsgate.io/problems/" + type);
    }
}
