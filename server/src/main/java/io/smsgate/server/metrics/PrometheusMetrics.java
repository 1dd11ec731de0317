package io.smsgate.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The process's meter registry, in Prometheus form: every meter of smsgate registers here, and
 * {@code GET /metrics} serves {@link #scrape()}. Optionally carries the JVM and process meters
 * ({@code metrics.jvm}) and common tags ({@code metrics.common-tags}).
 */
public final class PrometheusMetrics implements AutoCloseable {

    /** The Prometheus text exposition format 0.0.4, what {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final SmppMeters smpp;
    private final Optional<JvmGcMetrics> gc;

    private PrometheusMetrics(PrometheusMeterRegistry registry, SmppMeters smpp, Optional<JvmGcMetrics> gc) {
        this.registry = registry;
        this.smpp = smpp;
        this.gc = gc;
    }

    public static PrometheusMetrics create(MetricsConfig config) {
        requireNonNull(config, "config");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Tag> common = config.commonTags().entrySet().stream()
                .map(entry -> Tag.of(entry.getKey(), entry.getValue()))
                .sorted()
                .toList();
        registry.config().commonTags(common);
        Optional<JvmGcMetrics> gc = Optional.empty();
        if (config.jvm()) {
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            JvmGcMetrics gcMetrics = new JvmGcMetrics();
            gcMetrics.bindTo(registry);
            gc = Optional.of(gcMetrics);
        }
        return new PrometheusMetrics(registry, new SmppMeters(registry, config.percentileHistograms()), gc);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The SMPP meters, built on this registry. */
    public SmppMeters smpp() {
        return smpp;
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.ifPresent(JvmGcMetrics::close);
        registry.close();
    }
}
