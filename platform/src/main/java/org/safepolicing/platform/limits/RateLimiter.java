package org.safepolicing.platform.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.scheduler.Scheduled;

/**
 * Token buckets per (limit, caller), shared by every replica of the service: a bucket is a row of the service's
 * database ({@code rate_limit_bucket}, unlogged), holds {@code per-minute} requests and refills continuously, and
 * tokens are taken in one statement under the row's lock, so two replicas cannot both spend the last token
 * (issue 16 §4: "rate limits hold across replicas"). A bucket untouched for a minute is full again and is deleted.
 *
 * <p>Leases (stated policy): a replica takes a limit's tokens from the shared bucket a tenth of a second's worth at a
 * time ({@code per-minute / 600}, at least 1, at most {@value #MAX_LEASE}) and spends them from memory for up to
 * {@value #LEASE_MILLIS} ms; what it has not spent by then is dropped, never returned. So the replicas together never
 * admit more than the bucket allows (a leased token is already gone from the bucket), a caller may be refused
 * slightly early while another replica still holds some of its tokens, and a limit of 600 a minute or less (every
 * production limit of the suite) costs one short statement per request, exactly as without leases; a high limit
 * (the bench's) costs one statement per lease instead of one per request.
 */
@ApplicationScoped
public class RateLimiter {

    static final String DEFAULT_KEY = "platform.rate-limit.per-minute";
    static final int DEFAULT_PER_MINUTE = 600;
    static final int MAX_LEASE = 1000;
    static final long LEASE_MILLIS = 1000;

    /** Takes {@code n} tokens when the refilled bucket holds that many; returns nothing when it does not. */
    private static final String TAKE = """
            insert into rate_limit_bucket as b (name, caller, tokens, refilled_at)
            values (?, ?, ? - ?, clock_timestamp())
            on conflict (name, caller) do update
               set tokens = least(excluded.tokens + ?, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at) * ?) - ?,
                   refilled_at = clock_timestamp()
             where least(excluded.tokens + ?, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at) * ?) >= ?
            returning tokens""";
    /** The tokens a refused caller's bucket holds now (below 1). */
    private static final String LEVEL = """
            select least(?, tokens + extract(epoch from clock_timestamp() - refilled_at) * ?)
              from rate_limit_bucket where name = ? and caller = ?""";

    private final DataSource database;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    RateLimiter(DataSource database) {
        this.database = database;
    }

    /**
     * Takes one request from the caller's bucket of limit {@code name}; returns 0 when allowed, else the seconds
     * until one request is available again.
     */
    public long acquire(String name, String caller) {
        int perMinute = limits.computeIfAbsent(name, RateLimiter::configured);
        int leaseSize = leaseSize(perMinute);
        if (leaseSize == 1) {
            return acquireShared(name, caller, perMinute, 1);
        }
        String key = name + '\n' + caller;
        Lease lease = leases.get(key);
        if (lease != null && lease.take()) {
            return 0;
        }
        long retryAfter = acquireShared(name, caller, perMinute, leaseSize);
        if (retryAfter == 0) {
            return 0;
        }
        retryAfter = acquireShared(name, caller, perMinute, 1); // fewer than a lease left: one at a time
        return retryAfter;
    }

    /** A tenth of a second's worth of the limit, at least 1 and at most {@value #MAX_LEASE}. */
    static int leaseSize(int perMinute) {
        return Math.max(1, Math.min(MAX_LEASE, perMinute / 600));
    }

    /** Takes {@code n} tokens (one for this request, the rest kept as the replica's lease); 0 when taken. */
    private long acquireShared(String name, String caller, int perMinute, int n) {
        double perSecond = perMinute / 60d;
        try (Connection c = database.getConnection()) {
            try (PreparedStatement take = c.prepareStatement(TAKE)) {
                take.setString(1, name);
                take.setString(2, caller);
                take.setDouble(3, perMinute);
                take.setDouble(4, n);
                take.setDouble(5, n);
                take.setDouble(6, perSecond);
                take.setDouble(7, n);
                take.setDouble(8, n);
                take.setDouble(9, perSecond);
                take.setDouble(10, n);
                try (ResultSet taken = take.executeQuery()) {
                    if (taken.next()) {
                        if (n > 1) {
                            // requests that missed the lease together each took one: keep what they left unspent
                            long expiresAt = System.nanoTime() + LEASE_MILLIS * 1_000_000;
                            leases.merge(name + '\n' + caller, new Lease(n - 1, expiresAt),
                                    (held, fresh) -> new Lease(fresh.left.get() + held.unspent(), expiresAt));
                        }
                        return 0;
                    }
                }
            }
            if (n > 1) {
                return 1; // the caller of this method tries one token next
            }
            try (PreparedStatement level = c.prepareStatement(LEVEL)) {
                level.setDouble(1, perMinute);
                level.setDouble(2, perSecond);
                level.setString(3, name);
                level.setString(4, caller);
                try (ResultSet now = level.executeQuery()) {
                    double tokens = now.next() ? now.getDouble(1) : 0;
                    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the rate limit " + name + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Tokens a replica took from the shared bucket ahead of its requests, spendable until {@code expiresAt}. */
    private static final class Lease {
        private final AtomicInteger left;
        private final long expiresAt;

        Lease(int tokens, long expiresAt) {
            this.left = new AtomicInteger(tokens);
            this.expiresAt = expiresAt;
        }

        boolean take() {
            return System.nanoTime() - expiresAt < 0 && left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
        }

        int unspent() {
            return System.nanoTime() - expiresAt < 0 ? Math.max(0, left.get()) : 0;
        }

        boolean expired(long now) {
            return now - expiresAt >= 0;
        }
    }

    /** Buckets untouched for a minute are full: forget them (any replica may; deleting twice changes nothing). */
    @Scheduled(every = "{platform.rate-limit.sweep-every:1m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetFullBuckets() {
        long now = System.nanoTime();
        leases.values().removeIf(lease -> lease.expired(now));
        try (Connection c = database.getConnection(); PreparedStatement sweep = c.prepareStatement(
                "delete from rate_limit_bucket where refilled_at < clock_timestamp() - interval '1 minute'")) {
            sweep.executeUpdate();
        } catch (SQLException e) {
            // the database is away: the next round sweeps
        }
    }

    private static int configured(String name) {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("platform.rate-limit." + name + ".per-minute", Integer.class)
                .or(() -> config.getOptionalValue(DEFAULT_KEY, Integer.class))
                .orElse(DEFAULT_PER_MINUTE);
    }
}
