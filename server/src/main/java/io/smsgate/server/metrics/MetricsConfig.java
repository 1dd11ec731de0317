package io.smsgate.server.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the Prometheus registry publishes: {@code metrics.jvm} (JVM and process meters: memory, GC, threads,
 * classes, CPU, uptime), {@code metrics.percentile-histograms} (latency timers publish histogram buckets, so
 * Prometheus can compute quantiles across nodes) and {@code metrics.common-tags} (added to every meter, e.g.
 * {@code region: eu-west}).
 */
public record MetricsConfig(boolean jvm, boolean percentileHistograms, Map<String, String> commonTags) {

    public static final MetricsConfig DEFAULTS = new MetricsConfig(true, true, Map.of());

    private static final Pattern TAG_KEY = Pattern.compile("[a-z][a-z0-9_.]*");

    public MetricsConfig {
        commonTags = Map.copyOf(requireNonNull(commonTags, "commonTags"));
        commonTags.forEach((key, value) -> {
            if (!TAG_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("metrics.common-tags." + key
                        + ": bad tag key (expected: lowercase letters, digits, '.' and '_')");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("metrics.common-tags." + key + ": '' (expected: a tag value)");
            }
        });
    }
}
