package io.smsgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailoverTest {
    private static final Instant NOW = RouterTest.NOW;
    private static final FailoverPolicy POLICY = new FailoverPolicy(3, Duration.ofMinutes(5), Duration.ofSeconds(30),
            true, FailoverPolicy.ROUTE_FAILURES, Set.of("001", "0A3"));

    private final List<String> events = new ArrayList<>();
    private final RoutingListener listener = new RoutingListener() {
        @Override
        public void failedOver(String carrierId, Outcome outcome, FailoverDecision decision) {
            events.add(carrierId + " " + decision.getClass().getSimpleName());
        }
    };
    private final HealthBoard board = new HealthBoard(HealthConfig.DEFAULTS, listener);
    private final Router router = new Router(
            RouterTest.ukSnapshot(AccountPolicy.of(RoutePolicy.LeastCost.CHEAPEST).withFailover(POLICY)).build(),
            board, listener);

    private RouteAttempts start() {
        RoutePlan plan = router.decide(RouteRequest.of("acme", "447712345678", "4412", 1), NOW);
        return RouteAttempts.start((RoutePlan.Routed) plan, NOW);
    }

    private static Outcome outcome(String name) {
        return switch (name) {
            case "bind down" -> new Outcome.BindDown();
            case "timeout" -> new Outcome.ResponseTimeout();
            default -> name.startsWith("status ")
                    ? new Outcome.SubmitFailed(Integer.decode(name.substring(7)))
                    : new Outcome.ReceiptFailed(ReceiptStat.valueOf(name.split(" ")[1]), name.split(" ")[2]);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bind down                         | bind down              | TryNext
        ESME_RSYSERR is a route failure   | status 0x08            | TryNext
        ESME_RSUBMITFAIL                  | status 0x45            | TryNext
        ESME_RMSGQFUL                     | status 0x14            | TryNext
        ESME_RINVDSTADR blames the message| status 0x0B            | Fail MESSAGE_REFUSED
        ESME_RTHROTTLED stays             | status 0x58            | RetrySame
        response timeout                  | timeout                | TryNext
        UNDELIV with a configured code    | receipt UNDELIV 001    | TryNext
        REJECTD with a configured code    | receipt REJECTD 0A3    | TryNext
        UNDELIV with another code         | receipt UNDELIV 002    | Fail MESSAGE_REFUSED
        EXPIRED never moves               | receipt EXPIRED 001    | Fail MESSAGE_REFUSED
        """)
    void outcomesMoveOnOnlyWhenThePolicySaysSo(String caseName, String outcome, String expected) {
        FailoverDecision decision = router.failover(start(), outcome(outcome), NOW.plusSeconds(1));
        assertThat(describe(decision)).isEqualTo(expected);
    }

    @Test
    void movesThroughThePlanOneRouteAtATimeThenFails() {
        RouteAttempts attempts = start();
        assertThat(attempts.route().carrierId()).isEqualTo("cheap");
        FailoverDecision second = router.failover(attempts, new Outcome.BindDown(), NOW);
        attempts = ((FailoverDecision.TryNext) second).attempts();
        assertThat(attempts.route().carrierId()).isEqualTo("mid");
        attempts = ((FailoverDecision.TryNext) router.failover(attempts, new Outcome.SubmitFailed(0x08), NOW)).attempts();
        assertThat(attempts.route().carrierId()).isEqualTo("dear");
        assertThat(describe(router.failover(attempts, new Outcome.SubmitFailed(0x08), NOW))).isEqualTo("Fail ROUTES_EXHAUSTED");
        assertThat(events).containsExactly("cheap TryNext", "mid TryNext", "dear Fail");
    }

    @Test
    void skipsRoutesThatBecameUnusableSinceThePlanWasMade() {
        RouteAttempts attempts = start();
        board.bindDown("mid", NOW);
        FailoverDecision decision = router.failover(attempts, new Outcome.ResponseTimeout(), NOW);
        assertThat(((FailoverDecision.TryNext) decision).attempts().route().carrierId()).isEqualTo("dear");
        assertThat(((FailoverDecision.TryNext) decision).attempts().current()).isEqualTo(2);
    }

    @Test
    void timeoutsDoNotMoveOnWhenThePolicyFearsDuplicates() {
        FailoverPolicy cautious = new FailoverPolicy(3, Duration.ofMinutes(5), Duration.ofSeconds(30), false,
                FailoverPolicy.ROUTE_FAILURES, Set.of());
        RouteAttempts attempts = new RouteAttempts(new RoutePlan.Routed(start().plan().candidates(), cautious), 0, NOW);
        assertThat(describe(router.failover(attempts, new Outcome.ResponseTimeout(), NOW)))
                .isEqualTo("Fail RESPONSE_TIMEOUT");
    }

    @Test
    void failsOnceTheMessageWaitedLongerThanMaxRouteWait() {
        RouteAttempts attempts = start();
        assertThat(describe(router.failover(attempts, new Outcome.BindDown(), NOW.plus(Duration.ofMinutes(5)))))
                .isEqualTo("Fail ROUTE_WAIT_EXPIRED");
        assertThat(describe(router.failover(attempts, new Outcome.SubmitFailed(0x58), NOW.plus(Duration.ofMinutes(6)))))
                .isEqualTo("Fail ROUTE_WAIT_EXPIRED");
        assertThat(POLICY.mayWait(NOW, NOW.plus(Duration.ofMinutes(5)).minusMillis(1))).isTrue();
        assertThat(POLICY.mayWait(NOW, NOW.plus(Duration.ofMinutes(5)))).isFalse();
    }

    private static String describe(FailoverDecision decision) {
        if (decision instanceof FailoverDecision.Fail fail) {
            return "Fail " + fail.reason();
        }
        return decision.getClass().getSimpleName();
    }
}
