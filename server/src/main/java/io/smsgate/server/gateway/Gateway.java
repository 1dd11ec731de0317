package io.smsgate.server.gateway;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.Component;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.CarrierDispatcher;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.upstream.UpstreamSmppServer;
import io.smsgate.server.webhook.WebhookComponent;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message path of ARCHITECTURE.md assembled as {@link Component}s for {@code SmsgateServer}: the carrier side
 * ({@link CarrierDispatcher} over the configured carriers and static routes) and the upstream SMPP server
 * ({@link UpstreamSmppServer}, its Ingest storing through the Journal and dispatching to those carriers, its client
 * notifier woken by the carrier side's outbox commits). Register {@link #components()} in that order: carriers bind
 * first and recover, then the upstream listener opens; on stop the upstream side stops accepting and unbinds its
 * clients before the carriers drain their windows, and the server flushes the Journal last.
 */
public final class Gateway {

    private final CarrierComponent carriers;
    private final UpstreamComponent upstream;
    private final WebhookComponent webhooks = new WebhookComponent();

    /**
     * @param carriers the carriers to bind to
     * @param routes destination prefix (digits, "" for everything) → carrier ids in order of preference
     */
    public Gateway(List<CarrierConfig> carriers, Map<String, List<String>> routes, DispatchConfig dispatch) {
        requireNonNull(carriers, "carriers");
        requireNonNull(routes, "routes");
        requireNonNull(dispatch, "dispatch");
        SwitchedOutboxSignal signal = new SwitchedOutboxSignal();
        this.carriers = new CarrierComponent(List.copyOf(carriers), Map.copyOf(routes), dispatch, signal);
        this.upstream = new UpstreamComponent(this.carriers, signal);
    }

    /** The components in start order: carriers, then the upstream SMPP server, then webhook delivery. */
    public List<Component> components() {
        return List.of(carriers, upstream, webhooks);
    }

    /** Webhook delivery (status and MO callbacks), for the HTTP API's webhook routes. */
    public WebhookComponent webhooks() {
        return webhooks;
    }

    /** The upstream plain listener's address once listening (its actual port when configured as 0). */
    public Optional<InetSocketAddress> smppAddress() {
        return upstream.server().map(UpstreamSmppServer::localAddress);
    }

    /** The carrier side once started (tests and the admin view look at its connectors). */
    public Optional<CarrierDispatcher> dispatcher() {
        return carriers.dispatcher();
    }
}
