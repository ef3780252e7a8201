package org.safepolicing.platform.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * Two replicas of a service share one bucket per limit and caller: here two limiters (each as a replica has it, with
 * nothing in memory) on the service's real database, taking concurrently. Of 40 requests at a limit of 12 a minute
 * exactly 12 pass in total, whichever replica they reach; another caller has a bucket of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
class SharedRateLimitTest {

    @Inject
    AgroalDataSource database;

    @Test
    void twoReplicasSpendOneBucket() throws Exception {
        RateLimiter first = new RateLimiter(database);
        RateLimiter second = new RateLimiter(database);
        String caller = "subject:" + UUID.randomUUID();
        List<Callable<Long>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RateLimiter replica = i % 2 == 0 ? first : second;
            requests.add(() -> replica.acquire("shared-test", caller));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int allowed = 0;
        long longestWait = 0;
        try {
            for (Future<Long> answer : pool.invokeAll(requests)) {
                long retryAfter = answer.get();
                if (retryAfter == 0) {
                    allowed++;
                }
                longestWait = Math.max(longestWait, retryAfter);
            }
        } finally {
            pool.shutdown();
        }
        // 12 a minute, and the few milliseconds the requests took refill far less than one more token (one per 5 s)
        assertEquals(12, allowed, "one bucket across both replicas");
        assertTrue(longestWait >= 1 && longestWait <= 5, "a refused request is told when to retry: " + longestWait);

        assertEquals(0, second.acquire("shared-test", "subject:" + UUID.randomUUID()), "another caller's own bucket");
        assertTrue(first.acquire("shared-test", caller) > 0, "still empty for the first caller, on either replica");
    }

    @Test
    void aHighLimitIsSpentFromALeaseTakenFromTheSharedBucket() throws Exception {
        RateLimiter replica = new RateLimiter(database);
        String caller = "subject:" + UUID.randomUUID();
        assertEquals(100, RateLimiter.leaseSize(60_000), "a tenth of a second's worth");
        assertEquals(1, RateLimiter.leaseSize(600), "production limits take one token per request");

        assertEquals(0, replica.acquire("lease-test", caller));
        assertEquals(60_000 - 100, storedTokens("lease-test", caller), 0.0, "the first request took a whole lease");
        for (int i = 0; i < 99; i++) {
            assertEquals(0, replica.acquire("lease-test", caller));
        }
        assertEquals(60_000 - 100, storedTokens("lease-test", caller), 0.0,
                "99 more requests were spent from the lease, without a statement");
        assertEquals(0, replica.acquire("lease-test", caller));
        assertTrue(storedTokens("lease-test", caller) < 60_000 - 100, "the lease spent, the next one is taken from the bucket");
    }

    @Test
    void replicasWithLeasesNeverAdmitMoreThanTheBucketHolds() throws Exception {
        RateLimiter first = new RateLimiter(database);
        RateLimiter second = new RateLimiter(database);
        String caller = "subject:" + UUID.randomUUID();
        assertEquals(0, first.acquire("lease-few", caller)); // the bucket exists: now leave it 10 tokens
        try (Connection c = database.getConnection(); PreparedStatement set = c.prepareStatement(
                "update rate_limit_bucket set tokens = 10, refilled_at = clock_timestamp() where name = ? and caller = ?")) {
            set.setString(1, "lease-few");
            set.setString(2, caller);
            assertEquals(1, set.executeUpdate());
        }
        long started = System.nanoTime();
        List<Callable<Long>> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            RateLimiter replica = i % 2 == 0 ? first : second;
            requests.add(() -> replica.acquire("lease-few", caller));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int allowed = 0;
        try {
            for (Future<Long> answer : pool.invokeAll(requests)) {
                if (answer.get() == 0) {
                    allowed++;
                }
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // 10 in the bucket, the first request's unspent lease (1), and 20 a second refilled while they ran
        int most = 10 + 1 + (int) Math.ceil(seconds * 20);
        assertTrue(allowed <= most, allowed + " admitted, at most " + most + " were in the bucket and its lease");
        assertTrue(allowed >= 10 - 1, allowed + " admitted: the bucket's tokens are spent, not lost in leases");
    }

    private double storedTokens(String name, String caller) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement read = c.prepareStatement(
                "select tokens from rate_limit_bucket where name = ? and caller = ?")) {
            read.setString(1, name);
            read.setString(2, caller);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next(), "the bucket's row");
                return row.getDouble(1);
            }
        }
    }
}
