package io.smsgate.server.config;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.api.ApiConfig;
import io.smsgate.server.carrier.CarrierEntry;
import io.smsgate.server.carrier.DispatchConfig;
import io.smsgate.server.carrier.Carriers;
import io.smsgate.server.compliance.ComplianceConfig;
import io.smsgate.server.fetch.FetchConfig;
import io.smsgate.server.http.AdminHttpConfig;
import io.smsgate.server.metrics.MetricsConfig;
import io.smsgate.server.routing.RoutingConfig;
import io.smsgate.server.webhook.WebhookConfig;
import java.util.List;
import java.util.Map;

/**
 * The whole of {@code smsgate.yaml}: one component per top-level section, each a validated record with its own
 * {@code DEFAULTS}. A missing section or key takes its default; {@link ConfigLoader} reads it.
 *
 * <p>Adding a section (e.g. {@code smpp:} for the upstream SMPP server):
 * <ol>
 *   <li>write the record in your package, keys as components ({@code record UpstreamConfig(int port,
 *       WindowConfig window, Duration bindTimeout)} reads {@code port}, {@code window}, {@code bind-timeout}),
 *       a {@code public static final DEFAULTS}, validation in the compact constructor naming the dotted key
 *       ({@code "smpp.port: 0 (expected: 1..65535)"});</li>
 *   <li>add the component here ({@code UpstreamConfig smpp}), its default to {@link #DEFAULTS}, and a
 *       {@code requireNonNull} below;</li>
 *   <li>add the block to {@code config/smsgate.yaml} with a comment on every key, set to the defaults;
 *       {@code SmsgateYamlTest} then proves the file equals {@link #DEFAULTS}, that every key is commented and
 *       that every component has its key in the file.</li>
 * </ol>
 * Lists of records ({@code carriers:}) and maps ({@code routes:}) work the same way: {@code List<CarrierConfig>},
 * {@code Map<String, RouteConfig>}; a missing key inside an element takes the element record's {@code DEFAULTS}.
 * Types with a static {@code parse(String)} or {@code valueOf(String)} (e.g. {@code CommandStatus}) are scalars.
 */
public record SmsgateConfig(NodeConfig node, StoreSection store, AdminHttpConfig admin, MetricsConfig metrics,
                            SmppSection smpp, List<CarrierEntry> carriers, Map<String, List<String>> routes,
                            RoutingConfig routing, ApiConfig api, FetchConfig fetch, WebhookConfig webhooks,
                            ComplianceConfig compliance, DispatchSection dispatch) {

    public static final SmsgateConfig DEFAULTS = new SmsgateConfig(NodeConfig.DEFAULTS, StoreSection.DEFAULTS,
            AdminHttpConfig.DEFAULTS, MetricsConfig.DEFAULTS, SmppSection.DEFAULTS, List.of(), Map.of(),
            RoutingConfig.DEFAULTS, ApiConfig.DEFAULTS, FetchConfig.DEFAULTS, WebhookConfig.DEFAULTS,
            ComplianceConfig.DEFAULTS, DispatchSection.DEFAULTS);

    public SmsgateConfig {
        requireNonNull(node, "node");
        requireNonNull(store, "store");
        requireNonNull(admin, "admin");
        requireNonNull(metrics, "metrics");
        requireNonNull(smpp, "smpp");
        requireNonNull(api, "api");
        requireNonNull(fetch, "fetch");
        requireNonNull(webhooks, "webhooks");
        requireNonNull(compliance, "compliance");
        requireNonNull(dispatch, "dispatch");
        carriers = List.copyOf(carriers);
        routes = Map.copyOf(routes);
        // Each carrier's values, unique ids, routes naming configured carriers: a bad file fails at load.
        Carriers.validate(carriers, routes);
        requireNonNull(routing, "routing");
        if (routing.hasRateCards() && !routes.isEmpty()) {
            throw new IllegalArgumentException("routes: " + new java.util.TreeSet<>(routes.keySet())
                    + " (expected: {} when routing.rate-cards is set; give those carriers rate cards instead)");
        }
    }

    /** The carrier dispatcher's settings: {@code dispatch.*}, and {@code routing.failover.max-route-wait}. */
    public DispatchConfig dispatchConfig() {
        return dispatch.dispatchConfig(routing.failover().maxRouteWait());
    }

    public SmsgateConfig withNode(NodeConfig newNode) {
        return new SmsgateConfig(newNode, store, admin, metrics, smpp, carriers, routes, routing, api, fetch,
                webhooks, compliance, dispatch);
    }

    public SmsgateConfig withStore(StoreSection newStore) {
        return new SmsgateConfig(node, newStore, admin, metrics, smpp, carriers, routes, routing, api, fetch,
                webhooks, compliance, dispatch);
    }

    public SmsgateConfig withAdmin(AdminHttpConfig newAdmin) {
        return new SmsgateConfig(node, store, newAdmin, metrics, smpp, carriers, routes, routing, api, fetch,
                webhooks, compliance, dispatch);
    }

    public SmsgateConfig withSmpp(SmppSection newSmpp) {
        return new SmsgateConfig(node, store, admin, metrics, newSmpp, carriers, routes, routing, api, fetch,
                webhooks, compliance, dispatch);
    }

    public SmsgateConfig withCarriers(List<CarrierEntry> newCarriers, Map<String, List<String>> newRoutes) {
        return new SmsgateConfig(node, store, admin, metrics, smpp, newCarriers, newRoutes, routing, api, fetch,
                webhooks, compliance, dispatch);
    }

    public SmsgateConfig withRouting(RoutingConfig newRouting) {
        return new SmsgateConfig(node, store, admin, metrics, smpp, carriers, routes, newRouting, api, fetch,
                webhooks, compliance, dispatch);
    }

    public SmsgateConfig withApi(ApiConfig newApi) {
        return new SmsgateConfig(node, store, admin, metrics, smpp, carriers, routes, routing, newApi, fetch,
                webhooks, compliance, dispatch);
    }
}
