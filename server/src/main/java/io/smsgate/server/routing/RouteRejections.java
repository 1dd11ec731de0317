package io.smsgate.server.routing;

import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.routing.RoutePlan;

/**
 * What a client is told when the router finds no route: one SMPP command_status (SMPP 3.4 §5.1.3) and one HTTP
 * problem (RFC 9457 type and status) per {@link RoutePlan.Reason}, each decided in one switch.
 */
public final class RouteRejections {
    private static final String PROBLEM_BASE = "https://smsgate.io/problems/";

    private RouteRejections() {
    }

    /** The command_status of a submit_sm_resp, or of a failure receipt's {@code err:}, for the reason. */
    public static CommandStatus commandStatus(RoutePlan.Reason reason) {
        return switch (reason) {
            case INVALID_DESTINATION -> CommandStatus.ESME_RINVDSTADR;
            // The account may not send there: SMPP 5.0 §4.7.6 "prohibited" says so without blaming the number.
            case UNKNOWN_ACCOUNT, BLOCKED, ABOVE_PRICE -> CommandStatus.ESME_RPROHIBITED;
            case SENDER_NOT_ALLOWED -> CommandStatus.ESME_RINVSRCADR;
            case NO_ROUTE -> CommandStatus.ESME_RINVDSTADR;
            // Routes exist but none can take it now: temporary, the client may try again later.
            case ROUTES_UNAVAILABLE, ROUTE_WAIT_EXPIRED, RESPONSE_TIMEOUT -> CommandStatus.ESME_RX_T_APPN;
            case ROUTES_EXHAUSTED -> CommandStatus.ESME_RSUBMITFAIL;
            case MESSAGE_REFUSED -> CommandStatus.ESME_RX_P_APPN;
        };
    }

    /** The HTTP status of the problem answer. */
    public static int httpStatus(RoutePlan.Reason reason) {
        return switch (reason) {
            case INVALID_DESTINATION, SENDER_NOT_ALLOWED -> 400;
            case UNKNOWN_ACCOUNT, BLOCKED, ABOVE_PRICE -> 403;
            case NO_ROUTE, MESSAGE_REFUSED -> 422;
            case ROUTES_UNAVAILABLE, ROUTE_WAIT_EXPIRED, ROUTES_EXHAUSTED -> 503;
            case RESPONSE_TIMEOUT -> 504;
        };
    }

    /** The problem's {@code type} URI: one per reason, its name in kebab-case. */
    public static String problemType(RoutePlan.Reason reason) {
        return PROBLEM_BASE + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
