package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.Component;
import io.smsgate.server.ServerContext;
import io.smsgate.server.compliance.Compliance;
import io.smsgate.server.compliance.CompliantIngest;
import io.smsgate.server.pipeline.Dispatch;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.JournalIngest;
import io.smsgate.server.webhook.WebhookDispatcher;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP send API as a {@link Component}: on {@link #listen} (after the carriers, whose dispatch it stores
 * into) it opens {@code api.port}; on stop it is the first to stop taking requests and lets those in progress
 * have their commit and answer. Nothing opens when {@code api.enabled} is false.
 */
public final class ApiComponent implements Component {

    private final Supplier<Optional<? extends Dispatch>> dispatch;
    private final Pricing pricing;
    private final Supplier<Optional<WebhookDispatcher>> webhooks;
    private final Supplier<Optional<Compliance>> compliance;
    private ServerContext context;
    private volatile ApiKeys keys;
    private volatile ApiServer server;

    /**
     * @param dispatch the carrier side, once started
     * @param pricing what a message costs, where its route is rated
     * @param webhooks webhook delivery once started (empty while off), for the webhook endpoints
     * @param compliance the opt-out and quiet-hours check every send passes, once started (none: every send passes)
     */
    public ApiComponent(Supplier<Optional<? extends Dispatch>> dispatch, Pricing pricing,
                        Supplier<Optional<WebhookDispatcher>> webhooks, Supplier<Optional<Compliance>> compliance) {
        this.dispatch = requireNonNull(dispatch, "dispatch");
        this.pricing = requireNonNull(pricing, "pricing");
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.compliance = requireNonNull(compliance, "compliance");
    }

    @Override
    public String name() {
        return "api.http";
    }

    @Override
    public void start(ServerContext started) {
        context = started;
        keys = new ApiKeys(started.dataSource(), Clock.systemUTC(), started.config().api().keyPepper());
    }

    @Override
    public void listen() {
        ApiConfig config = context.config().api();
        if (!config.enabled()) {
            return;
        }
        Dispatch carriers = dispatch.get().orElseThrow(() -> new IllegalStateException("carriers not started"));
        Ingest plain = new JournalIngest(context.journal(), context.ids(), carriers);
        Optional<Compliance> rules = compliance.get();
        Ingest ingest = rules.<Ingest>map(c -> new CompliantIngest(c, plain, Clock.systemUTC())).orElse(plain);
        server = ApiServer.start(context.vertx(), config, new ApiServer.Backend(ingest, context.reader(),
                context.dataSource(), keys, pricing, webhooks.get(), context.metrics().registry(),
                Clock.systemUTC()), rules);
    }

    @Override
    public void stop(Duration timeout) {
        ApiServer running = server;
        if (running != null) {
            running.close(timeout.dividedBy(4));
        }
    }

    /** Where the API listens, once listening (its actual port when configured as 0). */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(server).map(ApiServer::address);
    }

    /** The API key service, once started (demo and tests create keys with it). */
    public Optional<ApiKeys> keys() {
        return Optional.ofNullable(keys);
    }
}
