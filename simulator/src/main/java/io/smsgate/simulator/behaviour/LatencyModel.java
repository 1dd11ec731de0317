package io.smsgate.simulator.behaviour;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** A distribution of simulated delays (response latency, receipt delay), sampled with a caller-owned RNG. */
public sealed interface LatencyModel permits LatencyModel.Fixed, LatencyModel.Uniform, LatencyModel.LogNormal {
    LatencyModel ZERO = new Fixed(Duration.ZERO);

    /** Draws one delay in nanoseconds; never negative. */
    long sampleNanos(RandomGenerator random);

    /** Scales every delay by {@code factor} (the "slow down" fault). */
    LatencyModel scaled(double factor);

    /** Always the same delay. */
    record Fixed(Duration value) implements LatencyModel {
        public Fixed {
            requireNonNull(value, "value");
            if (value.isNegative()) {
                throw new IllegalArgumentException("value: " + value + " (expected: >= 0)");
            }
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return value.toNanos();
        }

        @Override
        public LatencyModel scaled(double factor) {
            return new Fixed(Duration.ofNanos(Math.round(value.toNanos() * factor)));
        }
    }

    /** Uniform between {@code min} and {@code max}, both included. */
    record Uniform(Duration min, Duration max) implements LatencyModel {
        public Uniform {
            requireNonNull(min, "min");
            requireNonNull(max, "max");
            if (min.isNegative()) {
                throw new IllegalArgumentException("min: " + min + " (expected: >= 0)");
            }
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max: " + max + " (expected: >= min " + min + ")");
            }
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            long low = min.toNanos();
            long high = max.toNanos();
            return low == high ? low : random.nextLong(low, high + 1);
        }

        @Override
        public LatencyModel scaled(double factor) {
            return new Uniform(Duration.ofNanos(Math.round(min.toNanos() * factor)),
                    Duration.ofNanos(Math.round(max.toNanos() * factor)));
        }
    }

    /**
     * Log-normal: {@code median * exp(sigma * Z)} with Z standard normal, so {@code ln(delay)} has mean
     * {@code ln(median)} (= mu) and standard deviation {@code sigma}. Real carrier latencies have this long
     * right tail; samples are capped at {@link #CAP} so a huge sigma cannot overflow.
     */
    record LogNormal(Duration median, double sigma) implements LatencyModel {
        /** The 0.99 quantile of the standard normal distribution. */
        static final double Z99 = 2.3263478740408408;
        static final long CAP = Duration.ofHours(1).toNanos();

        public LogNormal {
            requireNonNull(median, "median");
            if (median.isNegative() || median.isZero()) {
                throw new IllegalArgumentException("median: " + median + " (expected: > 0)");
            }
            if (!(sigma >= 0.0 && sigma <= 10.0)) {
                throw new IllegalArgumentException("sigma: " + sigma + " (expected: between 0 and 10)");
            }
        }

        /** The log-normal whose median and 0.99 quantile are the given delays. */
        public static LogNormal ofMedianAndP99(Duration median, Duration p99) {
            if (p99.compareTo(median) < 0) {
                throw new IllegalArgumentException("p99: " + p99 + " (expected: >= median " + median + ")");
            }
            double sigma = (Math.log(p99.toNanos()) - Math.log(median.toNanos())) / Z99;
            return new LogNormal(median, sigma);
        }

        /** The log-normal with {@code ln(delay in milliseconds)} ~ N(mu, sigma²). */
        public static LogNormal ofMuSigmaMillis(double mu, double sigma) {
            return new LogNormal(Duration.ofNanos(Math.round(Math.exp(mu) * 1e6)), sigma);
        }

        /** The delay at quantile {@code z} standard deviations from the median (z = 2.326 gives p99). */
        public Duration quantileAt(double z) {
            return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(sigma * z)));
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            double sample = median.toNanos() * Math.exp(sigma * random.nextGaussian());
            return sample >= CAP ? CAP : (long) sample;
        }

        @Override
        public LatencyModel scaled(double factor) {
            return new LogNormal(Duration.ofNanos(Math.max(1, Math.round(median.toNanos() * factor))), sigma);
        }
    }
}
