package org.safepolicing.grants;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** The sum of a program's awards never exceeds its appropriation, also when two officers award at the same moment. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class AwardConcurrencyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoOfficersAwardingTheLastOfAnAppropriationAtOnceOneWinsOneGets409() throws Exception {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID programId = GrantsApi.program("100000.00");
        List<UUID> applications = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String ori = Upstream.randomOri();
            GrantsApi.eligibleAgency(db, ori, Instant.now());
            applications.add(GrantsApi.applied(programId, ori, "60000.00"));
        }

        List<Response> answers = atOnce(
                () -> GrantsApi.award(TestTokens.as("grant-officer").subject("officer-a").sign(), applications.get(0), "60000.00"),
                () -> GrantsApi.award(TestTokens.as("grant-officer").subject("officer-b").sign(), applications.get(1), "60000.00"));

        List<Integer> statuses = answers.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(201, 409), statuses);
        Response loser = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        loser.then().contentType(GrantsApi.PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:appropriation-exceeded"))
                .body("remaining", equalTo(40000.00f));
        assertEquals(new BigDecimal("60000.00"), GrantsApi.programMoney(programId, "awarded"));
        assertEquals(1L, db.count("select count(*) from grant_award where grant_program_id = ?", programId));
    }

    @Test
    void theSameApplicationAwardedTwiceAtOnceIsAwardedOnce() throws Exception {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID programId = GrantsApi.program("100000.00");
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID application = GrantsApi.applied(programId, ori, "10000.00");

        List<Response> answers = atOnce(() -> GrantsApi.award(GrantsApi.officer(), application, "10000.00"),
                () -> GrantsApi.award(GrantsApi.officer(), application, "10000.00"));

        assertEquals(List.of(201, 409), answers.stream().map(Response::statusCode).sorted().toList());
        answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow()
                .then().contentType(GrantsApi.PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:illegal-transition"))
                .body("currentState", equalTo("AWARDED"));
        assertEquals(new BigDecimal("10000.00"), GrantsApi.programMoney(programId, "awarded"));
    }

    @Test
    void centsAddUpExactly() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID programId = GrantsApi.program("0.30");
        List<UUID> applications = new ArrayList<>();
        for (String amount : List.of("0.10", "0.20", "0.01")) {
            String ori = Upstream.randomOri();
            GrantsApi.eligibleAgency(db, ori, Instant.now());
            applications.add(GrantsApi.applied(programId, ori, amount));
        }
        GrantsApi.awarded(applications.get(0), "0.10");
        GrantsApi.awarded(applications.get(1), "0.20");
        GrantsApi.award(GrantsApi.officer(), applications.get(2), "0.01").then().statusCode(409)
                .body("type", equalTo("urn:safe-policing:problem:appropriation-exceeded"));
        assertEquals(new BigDecimal("0.30"), GrantsApi.programMoney(programId, "awarded"));
        assertEquals(new BigDecimal("0.00"), GrantsApi.programMoney(programId, "remaining"));
    }

    /** Runs both calls released by one gate, and returns both answers. */
    @SafeVarargs
    private static List<Response> atOnce(java.util.concurrent.Callable<Response>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.call();
                }));
            }
            gate.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
