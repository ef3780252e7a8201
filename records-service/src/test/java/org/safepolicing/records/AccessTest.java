package org.safepolicing.records;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.randomOri;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Part 7: who may do what, per DESIGN.md, endpoint by endpoint, with real signed tokens. Every endpoint refuses a
 * missing token (401) and every caller it does not serve (403 problem+json): other roles, another agency, another
 * officer, tokens without the scoping claim.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class AccessTest {

    record Call(String method, String path, String body, List<String> refused, List<String> allowed) {
    }

    @Test
    void everyEndpointRefusesWhoItDoesNotServe() {
        String ori = randomOri("VA");
        String other = randomOri("MD");
        String[] ids = RecordsApi.submitRecord(ori, "Ira", "Moss", LocalDate.of(1982, 8, 8), finalProcess());
        String recordId = ids[0];
        String officerId = ids[1];
        String disputeId = RecordsApi.as(officerToken(officerId)).body("{\"statement\":\"mine\"}")
                .post("/api/v1/officers/{id}/records/{rid}/disputes", officerId, recordId).then().statusCode(201)
                .extract().path("id");

        RecordsApi.registerAndAwait(ori);
        String own = TestTokens.agencyUser(ori);
        String otherAgency = TestTokens.agencyUser(other);
        String noOri = TestTokens.as("agency-user").sign();
        String doj = TestTokens.dojAdmin();
        String auditor = TestTokens.as("auditor").sign();
        String grants = TestTokens.as("grant-officer").sign();
        String hhs = TestTokens.as("hhs-analyst").sign();
        String assessor = TestTokens.as("body-assessor").claim("body_id", UUID.randomUUID().toString()).sign();
        String self = officerToken(officerId);
        String otherOfficer = officerToken(UUID.randomUUID().toString());
        String officerNoClaim = TestTokens.as("officer").sign();

        String record = RecordsApi.submission(RecordsApi.officerJson("VA", RecordsApi.randomCert(), "A", "B",
                LocalDate.of(1980, 1, 1)), "TERMINATION", finalProcess());
        List<Call> calls = List.of(
                new Call("POST", "/api/v1/agencies/" + ori + "/records", record,
                        List.of(otherAgency, noOri, doj, auditor, hhs, assessor, self), List.of()),
                new Call("POST", "/api/v1/agencies/" + ori + "/records/bulk", "{\"clientKey\":\"a\",\"records\":[" + record + "]}",
                        List.of(otherAgency, noOri, doj, grants, self), List.of()),
                new Call("GET", "/api/v1/agencies/" + ori + "/records", null,
                        List.of(otherAgency, noOri, grants, hhs, assessor, self), List.of(own, doj, auditor)),
                new Call("GET", "/api/v1/agencies/" + ori + "/records/" + recordId, null,
                        List.of(otherAgency, noOri, grants, hhs, self, otherOfficer), List.of(own, doj, auditor)),
                new Call("PUT", "/api/v1/agencies/" + ori + "/records/" + recordId + "/fair-process", finalProcess(),
                        List.of(otherAgency, doj, self), List.of()),
                new Call("GET", "/api/v1/officers/" + officerId, null,
                        List.of(otherAgency, noOri, otherOfficer, officerNoClaim, auditor, hhs), List.of(own, doj, self)),
                new Call("GET", "/api/v1/officers/" + officerId + "/records", null,
                        List.of(own, otherAgency, otherOfficer, officerNoClaim, auditor, grants), List.of(self, doj)),
                new Call("GET", "/api/v1/officers/" + officerId + "/disclosures", null,
                        List.of(own, otherAgency, otherOfficer, officerNoClaim, grants), List.of(self, doj, auditor)),
                new Call("GET", "/api/v1/officers/" + officerId + "/disputes", null,
                        List.of(own, otherOfficer, auditor), List.of(self, doj)),
                new Call("POST", "/api/v1/officers/" + officerId + "/records/" + recordId + "/disputes", "{\"statement\":\"x\"}",
                        List.of(own, doj, otherOfficer, officerNoClaim), List.of()),
                new Call("GET", "/api/v1/disputes", null, List.of(own, self, auditor, grants), List.of(doj)),
                new Call("POST", "/api/v1/disputes/" + disputeId + "/decision", "{\"outcome\":\"UPHOLD\",\"reason\":\"r\"}",
                        List.of(own, self, auditor, grants, hhs), List.of()),
                new Call("POST", "/api/v1/agencies/" + ori + "/checks", "{\"purpose\":\"HIRING\",\"state\":\"VA\",\"certificationNumber\":\"X\"}",
                        List.of(otherAgency, noOri, doj, auditor, self), List.of(own)),
                new Call("GET", "/api/v1/agencies/" + ori + "/notifications", null,
                        List.of(otherAgency, noOri, doj, self), List.of(own)),
                new Call("GET", "/api/v1/agencies/" + ori + "/enrollments", null, List.of(otherAgency, doj, self), List.of(own)),
                new Call("POST", "/api/v1/agencies/" + ori + "/enrollments", "{\"officerId\":\"" + officerId + "\"}",
                        List.of(otherAgency, doj, self), List.of()),
                new Call("POST", "/api/v1/agencies/" + ori + "/reports", "{\"period\":\"2026-Q3\",\"zeroReport\":true}",
                        List.of(otherAgency, noOri, doj, grants, self), List.of()),
                new Call("GET", "/api/v1/agencies/" + ori + "/reporting", null,
                        List.of(otherAgency, noOri, hhs, self), List.of(own, doj, grants, auditor)),
                new Call("GET", "/api/v1/reporting/agencies", null, List.of(hhs, self, assessor), List.of(own, doj, grants, auditor)),
                new Call("POST", "/api/v1/reporting/delinquency-checks", "{}", List.of(own, grants, auditor, self), List.of()),
                new Call("POST", "/api/v1/statistics/releases", "{\"year\":2026}", List.of(own, grants, auditor, self, hhs), List.of()),
                new Call("POST", "/api/v1/statistics/release-schedule-runs", "{\"asOf\":\"2026-07-01\"}",
                        List.of(own, grants, auditor, self, hhs), List.of()));

        for (Call call : calls) {
            var anonymous = given().contentType(ContentType.JSON);
            if (call.body() != null) {
                anonymous.body(call.body());
            }
            anonymous.request(call.method(), call.path()).then().statusCode(401).contentType("application/problem+json");
            for (String token : call.refused()) {
                var request = RecordsApi.as(token);
                if (call.body() != null) {
                    request.body(call.body());
                }
                request.request(call.method(), call.path()).then().log().ifValidationFails().statusCode(403)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:safe-policing:problem:forbidden"));
            }
            for (String token : call.allowed()) {
                var request = RecordsApi.as(token);
                if (call.body() != null) {
                    request.body(call.body());
                }
                request.request(call.method(), call.path()).then().log().ifValidationFails().statusCode(200);
            }
        }
        // the statistics are public
        given().get("/api/v1/statistics/releases").then().statusCode(200);
    }
}
