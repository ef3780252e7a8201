package org.safepolicing.platform.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.scheduler.Scheduled;

/**
 * Token buckets per (limit, caller), shared by every replica of the service: a bucket is a row of the service's
 * database ({@code rate_limit_bucket}, unlogged), holds {@code per-minute} requests and refills continuously, and one
 * request takes one token in one statement under the row's lock, so two replicas cannot both spend the last token
 * (issue 16 §4: "rate limits hold across replicas"). A bucket untouched for a minute is full again and is deleted.
 * The cost is one short statement per limited request, outside the request's own transaction.
 */
@ApplicationScoped
public class RateLimiter {

    static final String DEFAULT_KEY = "platform.rate-limit.per-minute";
    static final int DEFAULT_PER_MINUTE = 600;

    /** Takes a token when the refilled bucket holds one; returns nothing when it does not. */
    private static final String TAKE = """
            insert into rate_limit_bucket as b (name, caller, tokens, refilled_at)
            values (?, ?, ? - 1, clock_timestamp())
            on conflict (name, caller) do update
               set tokens = least(excluded.tokens + 1, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at) * ?) - 1,
                   refilled_at = clock_timestamp()
             where least(excluded.tokens + 1, b.tokens + extract(epoch from clock_timestamp() - b.refilled_at) * ?) >= 1
            returning tokens""";
    /** The tokens a refused caller's bucket holds now (below 1). */
    private static final String LEVEL = """
            select least(?, tokens + extract(epoch from clock_timestamp() - refilled_at) * ?)
              from rate_limit_bucket where name = ? and caller = ?""";

    private final DataSource database;
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();

    RateLimiter(DataSource database) {
        this.database = database;
    }

    /**
     * Takes one request from the caller's bucket of limit {@code name}; returns 0 when allowed, else the seconds
     * until one request is available again.
     */
    public long acquire(String name, String caller) {
        int perMinute = limits.computeIfAbsent(name, RateLimiter::configured);
        double perSecond = perMinute / 60d;
        try (Connection c = database.getConnection()) {
            try (PreparedStatement take = c.prepareStatement(TAKE)) {
                take.setString(1, name);
                take.setString(2, caller);
                take.setDouble(3, perMinute);
                take.setDouble(4, perSecond);
                take.setDouble(5, perSecond);
                try (ResultSet taken = take.executeQuery()) {
                    if (taken.next()) {
                        return 0;
                    }
                }
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

    /** Buckets untouched for a minute are full: forget them (any replica may; deleting twice changes nothing). */
    @Scheduled(every = "{platform.rate-limit.sweep-every:1m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetFullBuckets() {
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
