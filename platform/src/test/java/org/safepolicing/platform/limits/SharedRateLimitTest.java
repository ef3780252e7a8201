package org.safepolicing.platform.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
