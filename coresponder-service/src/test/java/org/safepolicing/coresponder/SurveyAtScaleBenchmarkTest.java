package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.coresponder.CoresponderApi.activeProgram;
import static org.safepolicing.coresponder.CoresponderApi.randomOri;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.coresponder.survey.SurveyService;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Benchmark, not a timed test: bulk-insert throughput (one request of many encounters, through HTTP, parsing, COPY and
 * the running totals) and survey latency over everything stored. Reduced by default (20,000 per request, 100,000 in
 * all); {@code -Dbenchmark.scale=full} runs 100,000 per request and 1,000,000 in all. It prints the figures and asserts
 * only that every encounter was stored and counted.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class SurveyAtScaleBenchmarkTest {

    private static final boolean FULL = "full".equals(System.getProperty("benchmark.scale"));
    private static final int PER_REQUEST = FULL ? 100_000 : 20_000;
    private static final int TOTAL = FULL ? 1_000_000 : 100_000;
    private static final String[] MODELS = {"CO_RESPONDER_RIDE_ALONG", "CO_RESPONDER_FOLLOW_UP", "MOBILE_CRISIS_TEAM",
            "COMMUNITY_RESPONDER", "CRISIS_INTERVENTION_TEAM", "TELEHEALTH"};
    private static final String[] STATES = {"NE", "KS", "IA", "MO", "MN"};
    private static final int SURVEY_RUNS = 30;

    @Inject
    SurveyService survey;

    /** A plain JDK client for the large bodies, so the figure is not the test client's own overhead. */
    private static int post(String ori, String programId, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port
                        + "/api/v1/agencies/" + ori + "/programs/" + programId + "/encounters/bulk"))
                .header("Authorization", "Bearer " + TestTokens.agencyUser(ori))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void bulkInsertThroughputAndSurveyLatency() throws Exception {
        long before = encountersInSurvey();
        int requests = TOTAL / PER_REQUEST;
        List<String[]> programs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String ori = randomOri(STATES[i % STATES.length]);
            programs.add(new String[] {ori, activeProgram(ori, MODELS[i % MODELS.length])});
        }
        long[] insertMillis = new long[requests];
        long bytes = 0;
        for (int i = 0; i < requests; i++) {
            byte[] body = Encounters.batch(PER_REQUEST, 1000 + i).getBytes(StandardCharsets.UTF_8);
            bytes = body.length;
            long start = System.nanoTime();
            assertEquals(200, post(programs.get(i)[0], programs.get(i)[1], body));
            insertMillis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long after = encountersInSurvey();
        assertEquals(before + TOTAL, after, "every encounter stored and counted once");

        long[] surveyMicros = new long[SURVEY_RUNS];
        for (int i = 0; i < 3; i++) {
            encountersInSurvey(); // warm-up
        }
        for (int i = 0; i < SURVEY_RUNS; i++) {
            long start = System.nanoTime();
            given().get("/api/v1/survey").then().statusCode(200);
            surveyMicros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(surveyMicros);
        long[] inProcessMicros = new long[SURVEY_RUNS];
        for (int i = 0; i < SURVEY_RUNS; i++) {
            long start = System.nanoTime();
            assertEquals(after, survey.survey(null, null).pooled().encounters());
            inProcessMicros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(inProcessMicros);
        long[] sortedInserts = insertMillis.clone();
        Arrays.sort(sortedInserts);
        System.out.printf(Locale.ROOT,
                "BENCHMARK bulk insert (%s scale), request sent to answer: %d requests of %,d encounters (%.1f MB JSON each): median %d ms (%,.0f encounters/s), "
                        + "first %d ms, max %d ms%n",
                FULL ? "full" : "reduced", requests, PER_REQUEST, bytes / 1e6, sortedInserts[requests / 2],
                PER_REQUEST * 1000.0 / sortedInserts[requests / 2], insertMillis[0], sortedInserts[requests - 1]);
        System.out.printf(Locale.ROOT,
                "BENCHMARK survey over %,d encounters in %d programs, through HTTP, %d runs: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                after, programs.size(), SURVEY_RUNS, pct(surveyMicros, 50), pct(surveyMicros, 95), pct(surveyMicros, 99),
                surveyMicros[SURVEY_RUNS - 1] / 1000.0);
        System.out.printf(Locale.ROOT,
                "BENCHMARK survey computation in the service (no HTTP), %d runs: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                SURVEY_RUNS, pct(inProcessMicros, 50), pct(inProcessMicros, 95), pct(inProcessMicros, 99));
        assertTrue(after >= TOTAL);
    }

    private static long encountersInSurvey() {
        Number n = given().get("/api/v1/survey").then().statusCode(200).extract().path("pooled.encounters");
        return n.longValue();
    }

    private static double pct(long[] sortedMicros, int p) {
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1)] / 1000.0;
    }
}
