package org.safepolicing.platform.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Token buckets per (limit, caller). A bucket holds {@code per-minute} requests and refills continuously; a bucket
 * that has been full for a minute is forgotten, so memory follows the number of recently active callers.
 */
@ApplicationScoped
public class RateLimiter {

    static final String DEFAULT_KEY = "platform.rate-limit.per-minute";
    static final int DEFAULT_PER_MINUTE = 600;
    private static final int SWEEP_EVERY = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Takes one request from the caller's bucket of limit {@code name}; returns 0 when allowed, else the seconds
     * until one request is available again.
     */
    public long acquire(String name, String caller) {
        int perMinute = limits.computeIfAbsent(name, RateLimiter::configured);
        long now = System.nanoTime();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(b -> b.idle(now));
        }
        return buckets.computeIfAbsent(name + '\u0000' + caller, k -> new Bucket(perMinute, now)).take(now);
    }

    private static int configured(String name) {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("platform.rate-limit." + name + ".per-minute", Integer.class)
                .or(() -> config.getOptionalValue(DEFAULT_KEY, Integer.class))
                .orElse(DEFAULT_PER_MINUTE);
    }

    private static final class Bucket {
        private static final long MINUTE = 60_000_000_000L;
        private final int capacity;
        private final double nanosPerToken;
        private double tokens;
        private long refilledAt;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.nanosPerToken = (double) MINUTE / capacity;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / nanosPerToken);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1_000_000_000d));
        }

        synchronized boolean idle(long now) {
            return now - refilledAt > MINUTE;
        }
    }
}
