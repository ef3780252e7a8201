package org.safepolicing.coresponder.survey;

/** Survey metrics with their 95% intervals; {@code sufficient} is false when too few encounters back them. */
public final class Metric {

    /** k of n encounters, the rate k/n and its Wilson 95% interval (null when n is 0). */
    public record Rate(long count, long of, Double value, Double lower, Double upper, boolean sufficient) {
    }

    /** The median of n recorded values and its order-statistic 95% interval (null when n is 0). */
    public record Median(long of, Double value, Double lower, Double upper, boolean sufficient) {
    }

    private Metric() {
    }
}
