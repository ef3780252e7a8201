package org.safepolicing.coresponder.survey;

import java.util.Map;
import java.util.NavigableMap;

/** The interval estimates of the survey, written out so they can be checked by hand. */
final class Statistics {

    /** The standard normal quantile for a two-sided 95% interval. */
    static final double Z = 1.959963984540054;

    private Statistics() {
    }

    /**
     * A rate k/n with its Wilson score 95% interval: center (p + z²/2n) / (1 + z²/n), half-width
     * z·√(p(1−p)/n + z²/4n²) / (1 + z²/n). Unlike the normal (Wald) interval it stays inside [0, 1] and keeps its
     * coverage for small n and rates near 0 or 1, so models of very different size can be compared.
     */
    static Metric.Rate rate(long k, long n, int minimum) {
        if (n == 0) {
            return new Metric.Rate(k, n, null, null, null, false);
        }
        double p = (double) k / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Metric.Rate(k, n, round(p), round(Math.max(0, center - half)), round(Math.min(1, center + half)),
                n >= minimum);
    }

    /**
     * The median of a distribution given as value → count, with a distribution-free 95% interval from order
     * statistics: the values at ranks l = ⌊n/2 − z·√n/2⌋ and u = ⌈1 + n/2 + z·√n/2⌉ (1-based, clamped to 1..n), the
     * normal approximation of the binomial(n, ½) ranks that bracket the median with 95% confidence. No assumption
     * about the shape of the response-time distribution is made.
     */
    static Metric.Median median(NavigableMap<Integer, Long> counts, int minimum) {
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return new Metric.Median(0, null, null, null, false);
        }
        double value = n % 2 == 1 ? at(counts, (n + 1) / 2) : (at(counts, n / 2) + at(counts, n / 2 + 1)) / 2.0;
        double spread = Z * Math.sqrt(n) / 2.0;
        long lower = Math.max(1, (long) Math.floor(n / 2.0 - spread));
        long upper = Math.min(n, (long) Math.ceil(1 + n / 2.0 + spread));
        return new Metric.Median(n, value, (double) at(counts, lower), (double) at(counts, upper), n >= minimum);
    }

    /** The value at 1-based rank {@code rank} of the sorted distribution. */
    static int at(NavigableMap<Integer, Long> counts, long rank) {
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("rank " + rank + " is beyond " + seen + " values");
    }

    static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
