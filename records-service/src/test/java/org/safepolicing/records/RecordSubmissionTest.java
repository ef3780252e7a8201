package org.safepolicing.records;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.pendingProcess;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** Part 1: officers, records with fair process, lifecycle with history, bulk submission. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class RecordSubmissionTest {

    @Test
    void aRecordWithFinalProcessIsActiveWithHistoryAndTheOfficerHasEmployment() {
        String ori = randomOri("VA");
        String cert = randomCert();
        var created = as(TestTokens.agencyUser(ori))
                .body(submission(officerJson("VA", cert, "Ann", "Lee", LocalDate.of(1985, 4, 2)), "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("submittingOri", equalTo(ori))
                .body("fairProcess.isFinal", equalTo(true)).body("category", equalTo("TERMINATION")).extract();
        String id = created.path("id");
        String officerId = created.path("officerId");
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records/{id}", ori, id).then().statusCode(200)
                .body("record.status", equalTo("ACTIVE"))
                .body("history.toStatus", contains("SUBMITTED", "ACTIVE"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/officers/{id}", officerId).then().statusCode(200)
                .body("certificationNumber", equalTo(cert)).body("employment.ori", contains(ori));
        // the same officer from a second agency: one officer, two employments
        String second = randomOri("MD");
        as(TestTokens.agencyUser(second))
                .body(submission(officerJson("VA", cert, "Ann", "Lee", LocalDate.of(1985, 4, 2)), "TERMINATION", finalProcess()))
                .post("/api/v1/agencies/{ori}/records", second).then().statusCode(201).body("officerId", equalTo(officerId));
        as(TestTokens.dojAdmin()).get("/api/v1/officers/{id}", officerId).then().statusCode(200)
                .body("employment", hasSize(2));
    }

    @Test
    void aRecordWithoutFinalProcessIsHeldUntilItsProcessIsFinal() {
        String ori = randomOri("VA");
        String[] ids = RecordsApi.submitRecord(ori, "Bo", "Diaz", LocalDate.of(1979, 1, 9), pendingProcess());
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records/{id}", ori, ids[0]).then()
                .body("record.status", equalTo("PENDING_FAIR_PROCESS"));
        as(TestTokens.agencyUser(ori)).body(finalProcess().replace("EXHAUSTED", "WAIVED"))
                .put("/api/v1/agencies/{ori}/records/{id}/fair-process", ori, ids[0]).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        as(TestTokens.agencyUser(ori)).body(finalProcess())
                .put("/api/v1/agencies/{ori}/records/{id}/fair-process", ori, ids[0]).then().statusCode(409)
                .body("type", equalTo("urn:safe-policing:problem:illegal-transition"))
                .body("currentState", equalTo("ACTIVE"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records/{id}", ori, ids[0]).then()
                .body("history.toStatus", contains("SUBMITTED", "PENDING_FAIR_PROCESS", "ACTIVE"));
    }

    @Test
    void bulkIsAllOrNothingAndIdempotentOnTheClientKey() {
        String ori = randomOri("TX");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            items.add(submission(officerJson("TX", "B" + ori + "-" + i, "First" + i, "Last" + i, LocalDate.of(1970 + i % 30, 1 + i % 12, 1 + i % 28)),
                    i % 2 == 0 ? "TERMINATION" : "CIVIL_JUDGMENT", i % 10 == 0 ? pendingProcess() : finalProcess()));
        }
        String body = "{\"clientKey\":\"k-1\",\"records\":[" + String.join(",", items) + "]}";
        List<String> first = as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records/bulk", ori)
                .then().statusCode(201).body("replayed", equalTo(false)).extract().path("recordIds");
        assertEquals(2000, first.size());
        List<String> again = as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records/bulk", ori)
                .then().statusCode(200).body("replayed", equalTo(true)).extract().path("recordIds");
        assertEquals(first, again);
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records?size=1", ori).then().body("total", equalTo(2000));
        // the same key with other records is a conflict, and nothing is stored
        String other = "{\"clientKey\":\"k-1\",\"records\":[" + items.get(1) + "]}";
        as(TestTokens.agencyUser(ori)).body(other).post("/api/v1/agencies/{ori}/records/bulk", ori).then().statusCode(409)
                .body("type", equalTo("urn:safe-policing:problem:client-key-reused"));
        // one bad item refuses the whole batch
        List<String> mixed = new ArrayList<>(items.subList(0, 50).stream().map(s -> s.replace("B" + ori, "N" + ori)).toList());
        mixed.add(submission(officerJson("TX", "B" + ori + "-3", "First3", "Last3", LocalDate.of(1999, 9, 9)), "TERMINATION", finalProcess()));
        as(TestTokens.agencyUser(ori)).body("{\"clientKey\":\"k-2\",\"records\":[" + String.join(",", mixed) + "]}")
                .post("/api/v1/agencies/{ori}/records/bulk", ori).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("records[50].officer.dateOfBirth"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records?size=1", ori).then().body("total", equalTo(2000));
        // malformed: a record without a category
        as(TestTokens.agencyUser(ori)).body("{\"clientKey\":\"k-3\",\"records\":[" + items.get(0).replace("\"category\":\"TERMINATION\",", "") + "]}")
                .post("/api/v1/agencies/{ori}/records/bulk", ori).then().statusCode(400)
                .body("type", startsWith("urn:safe-policing:problem:"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records?size=1", ori).then().body("total", equalTo(2000));
    }

    @Test
    void twoConcurrentBulkRequestsWithOneKeyStoreTheRecordsOnce() throws Exception {
        String ori = randomOri("OH");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(submission(officerJson("OH", "P" + ori + "-" + i, "Pat" + i, "Lane" + i, LocalDate.of(1980, 1, 1 + i % 28)),
                    "TERMINATION", finalProcess()));
        }
        String body = "{\"clientKey\":\"retry-1\",\"records\":[" + String.join(",", items) + "]}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> calls = pool.invokeAll(List.of(
                    () -> as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records/bulk", ori),
                    () -> as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records/bulk", ori)));
            List<Integer> statuses = new ArrayList<>();
            List<List<String>> ids = new ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get().statusCode());
                ids.add(call.get().path("recordIds"));
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(200, 201), statuses);
            assertEquals(ids.get(0), ids.get(1));
        } finally {
            pool.shutdown();
        }
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records?size=1", ori).then().body("total", equalTo(300));
    }

    @Test
    void refusals() {
        String ori = randomOri("VA");
        String other = randomOri("MD");
        String[] ids = RecordsApi.submitRecord(ori, "Cy", "Ng", LocalDate.of(1990, 5, 5), finalProcess());
        String body = submission(officerJson("VA", randomCert(), "X", "Y", LocalDate.of(1990, 1, 1)), "TERMINATION", finalProcess());
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(401);
        // another agency: cannot submit for, list, or read this agency's records
        as(TestTokens.agencyUser(other)).body(body).post("/api/v1/agencies/{ori}/records", ori).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.agencyUser(other)).get("/api/v1/agencies/{ori}/records", ori).then().statusCode(403);
        as(TestTokens.agencyUser(other)).get("/api/v1/agencies/{ori}/records/{id}", ori, ids[0]).then().statusCode(403);
        as(TestTokens.agencyUser(other)).get("/api/v1/agencies/{ori}/records/{id}", other, ids[0]).then().statusCode(404);
        as(TestTokens.agencyUser(other)).get("/api/v1/officers/{id}", ids[1]).then().statusCode(403);
        // wrong roles
        as(TestTokens.dojAdmin()).body(body).post("/api/v1/agencies/{ori}/records", ori).then().statusCode(403);
        as(TestTokens.as("hhs-analyst").sign()).get("/api/v1/agencies/{ori}/records", ori).then().statusCode(403);
        as(RecordsApi.officerToken(UUID.randomUUID().toString())).get("/api/v1/officers/{id}", ids[1]).then().statusCode(403);
        // malformed input
        as(TestTokens.agencyUser(ori)).body(body.replace("TERMINATION", "PARKING_TICKET"))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(400).contentType("application/problem+json");
        as(TestTokens.agencyUser(ori)).body(body.replace("\"summary\":\"Excessive force during an arrest\",", ""))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(400).body("errors.field", hasItem("summary"));
        as(TestTokens.agencyUser("XX1")).get("/api/v1/agencies/{ori}/records", "XX1").then().statusCode(400);
        as(TestTokens.agencyUser(ori)).body(body.replace("\"finalAdjudicationDate\":\"2024-03-15\"", "\"finalAdjudicationDate\":\"2023-03-15\""))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(422)
                .body("errors.field", hasItem("fairProcess.finalAdjudicationDate"));
        as(TestTokens.agencyUser(ori)).body(body.replace("\"fairProcess\"", "\"reportingPeriod\":\"2099-Q1\",\"fairProcess\""))
                .post("/api/v1/agencies/{ori}/records", ori).then().statusCode(422).body("errors.field", hasItem("reportingPeriod"));
        as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/records", ori).then().body("total", equalTo(1));
    }
}
