package io.smsgate.server.api;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatableRequest;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What validating one POST /v1/messages request costs on the event loop, with the contract's generic schema
 * validator and with {@link SendMessageCheck}; not a test, run by hand (see the apiperf report). It counts this
 * thread's CPU time, not wall time, so other processes on a shared machine disturb it less.
 * Usage: {@code ValidationCost [rounds] [calls per round]}.
 */
final class ValidationCost {

    private static final PrintStream OUT = System.out;
    private static final String BODY = "{\"to\": \"+447700900123\", \"from\": \"ACME\", "
            + "\"text\": \"Your code is 123456. It expires in 10 minutes.\"}";

    private ValidationCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = OpenAPIContract.from(vertx, ApiServer.forRequestValidation(ApiServer.contract()))
                    .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            Operation send = contract.operation(SendMessageCheck.OPERATION);
            ValidatableRequest request = SendRequests.of("application/json", BODY, Optional.empty());
            Optional<Predicate<Object>> check = Optional.of(new SendMessageCheck());
            InlineValidation validation = new InlineValidation(contract, Map.of());
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            for (int round = 1; round <= rounds; round++) {
                long generic = cost(cpu, calls, () -> validation.validate(request, send, Optional.empty()));
                long handChecked = cost(cpu, calls, () -> validation.validate(request, send, check));
                OUT.printf("round=%d calls=%d generic_ns=%d hand_checked_ns=%d%n", round, calls, generic, handChecked);
            }
        } finally {
            vertx.close();
        }
    }

    // CPU nanoseconds per call of this thread.
    private static long cost(ThreadMXBean cpu, int calls, Runnable call) {
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (cpu.getCurrentThreadCpuTime() - start) / calls;
    }
}
