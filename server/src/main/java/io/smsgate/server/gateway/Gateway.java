package io.smsgate.server.gateway;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.Component;
import io.smsgate.server.api.ApiComponent;
import io.smsgate.server.api.ApiKeys;
import io.smsgate.server.api.Pricing;
import io.smsgate.server.api.RoutePricing;
import io.smsgate.server.carrier.CarrierConfig;
import io.smsgate.server.carrier.CarrierDispatcher;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.compliance.Compliance;
import io.smsgate.server.compliance.ComplianceComponent;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.routing.RoutingRuntime;
import io.smsgate.server.upstream.UpstreamSmppServer;
import io.smsgate.server.webhook.WebhookComponent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
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

    private final ComplianceComponent compliance = new ComplianceComponent();
    private final CarrierComponent carriers;
    private final UpstreamComponent upstream;
    private final ApiComponent api;
    private final WebhookComponent webhooks = new WebhookComponent();

    /**
     * @param carriers the carriers to bind to
     * @param routes destination prefix (digits, "" for everything) → carrier ids in order of preference
     */
    public Gateway(List<CarrierConfig> carriers, Map<String, List<String>> routes, DispatchConfig dispatch) {
        this(carriers, routes, RoutingConfig.DEFAULTS, Path.of("."), dispatch);
    }

    /**
     * @param carriers the carriers to bind to
     * @param routes the static routes, used when {@code routing} has no rate cards
     * @param routing rate cards, policies, failover and health ({@code routing:} in config)
     * @param baseDirectory the directory rate deck paths are relative to (the configuration file's)
     */
    public Gateway(List<CarrierConfig> carriers, Map<String, List<String>> routes, RoutingConfig routing,
                   Path baseDirectory, DispatchConfig dispatch) {
        requireNonNull(carriers, "carriers");
        requireNonNull(routes, "routes");
        requireNonNull(routing, "routing");
        requireNonNull(baseDirectory, "baseDirectory");
        requireNonNull(dispatch, "dispatch");
        SwitchedOutboxSignal signal = new SwitchedOutboxSignal();
        this.carriers = new CarrierComponent(List.copyOf(carriers), Map.copyOf(routes), routing, baseDirectory,
                dispatch, signal, compliance);
        // Static routes: carry no money, so no price (RoutePricing still refuses what has no route).
        Pricing pricing = new RoutePricing(() -> this.carriers.routing().map(RoutingRuntime::router),
                !routing.rateCards().isEmpty(), Clock.systemUTC());
        this.upstream = new UpstreamComponent(this.carriers, signal, compliance, pricing);
        this.api = new ApiComponent(this.carriers::dispatcher, pricing, webhooks::dispatcher, compliance::compliance);
    }

    /**
     * The components in start order: compliance (opt-outs in memory), carriers, the upstream SMPP server, the HTTP
     * send API, webhook delivery.
     */
    public List<Component> components() {
        return List.of(compliance, carriers, upstream, api, webhooks);
    }

    /** The opt-out and quiet-hours check once started (the admin view and tests read the opt-out list). */
    public Optional<Compliance> compliance() {
        return compliance.compliance();
    }

    /** Webhook delivery (status and MO callbacks), for the HTTP API's webhook routes. */
    public WebhookComponent webhooks() {
        return webhooks;
    }

    /** The HTTP send API's address once listening (its actual port when configured as 0). */
    public Optional<InetSocketAddress> apiAddress() {
        return api.address();
    }

    /** The API key service once started. */
    public Optional<ApiKeys> apiKeys() {
        return api.keys();
    }

    /** The upstream plain listener's address once listening (its actual port when configured as 0). */
    public Optional<InetSocketAddress> smppAddress() {
        return upstream.server().map(UpstreamSmppServer::localAddress);
    }

    /** The routing once started (the admin API reloads it). */
    public Optional<RoutingRuntime> routing() {
        return carriers.routing();
    }

    /** The carrier side once started (tests and the admin view look at its connectors). */
    public Optional<CarrierDispatcher> dispatcher() {
        return carriers.dispatcher();
    }
}
