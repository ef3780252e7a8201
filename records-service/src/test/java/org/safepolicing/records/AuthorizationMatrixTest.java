package org.safepolicing.records;

import static org.safepolicing.records.RecordsApi.as;
import static org.safepolicing.records.RecordsApi.finalProcess;
import static org.safepolicing.records.RecordsApi.officerJson;
import static org.safepolicing.records.RecordsApi.officerToken;
import static org.safepolicing.records.RecordsApi.pendingProcess;
import static org.safepolicing.records.RecordsApi.randomCert;
import static org.safepolicing.records.RecordsApi.randomOri;
import static org.safepolicing.records.RecordsApi.submission;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safepolicing.testing.AuthorizationMatrix;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Issue 7: the authorization matrix in {@code src/test/resources/authorization-matrix.md}, every operation of the
 * OpenAPI document as every role, own and other agency / officer, with fixtures made through the public API.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "records"))
class AuthorizationMatrixTest {

    /** {@code ?fixture=id:otherAgencyRecordId} in a row's request column: that row's {id} is another fixture. */
    private static final Pattern FIXTURE = Pattern.compile("[?&]fixture=([A-Za-z]+):([A-Za-z]+)");

    private final Map<String, Supplier<String>> fixtures = new HashMap<>();
    private Map<String, String> rowFixtures = Map.of();

    @Test
    void everyOperationOfTheOpenApiDocumentHasARow() {
        AuthorizationMatrix.load("authorization-matrix.md").coversOpenApi();
    }

    @TestFactory
    Stream<DynamicTest> authorizationMatrix() {
        String ori = randomOri("VA");
        String otherOri = randomOri("MD");
        RecordsApi.registerAndAwait(ori);

        String officerCert = randomCert();
        LocalDate dob = LocalDate.of(1979, 4, 12);
        String officer = officerJson("VA", officerCert, "Nora", "Keane", dob);
        String[] active = submit(ori, submission(officer, "TERMINATION", finalProcess()));
        String recordId = active[0];
        String officerId = active[1];
        String recordForDispute = submit(ori, submission(officer, "RESIGNED_UNDER_INVESTIGATION", finalProcess()))[0];
        String recordForDecision = submit(ori, submission(officer, "CIVIL_JUDGMENT", finalProcess()))[0];
        String pendingRecordId = submit(ori, submission(officer, "TERMINATION", pendingProcess()))[0];
        String disputeForDecision = as(officerToken(officerId)).body("{\"statement\":\"Not what happened\"}")
                .post("/api/v1/officers/{o}/records/{r}/disputes", officerId, recordForDecision).then().statusCode(201)
                .extract().path("id");

        String otherOfficerCert = randomCert();
        String[] otherActive = submit(otherOri, submission(officerJson("MD", otherOfficerCert, "Owen", "Pratt",
                LocalDate.of(1983, 9, 30)), "TERMINATION", finalProcess()));
        String otherAgencyPending = submit(otherOri, submission(officerJson("MD", randomCert(), "Ada", "Lowe",
                LocalDate.of(1990, 1, 2)), "TERMINATION", pendingProcess()))[0];

        // a check by the own agency, so that it may enroll the officer; and a bulk key already used
        as(TestTokens.agencyUser(ori)).body("{\"purpose\":\"HIRING\",\"state\":\"VA\",\"certificationNumber\":\""
                + officerCert + "\"}").post("/api/v1/agencies/{ori}/checks", ori).then().statusCode(200);
        String usedClientKey = "matrix-" + UUID.randomUUID();
        as(TestTokens.agencyUser(ori)).body("{\"clientKey\":\"" + usedClientKey + "\",\"records\":["
                        + submission(officerJson("VA", randomCert(), "Ian", "Bell", dob), "TERMINATION", finalProcess()) + "]}")
                .post("/api/v1/agencies/{ori}/records/bulk", ori).then().statusCode(201);

        fixture("id", recordId);
        fixture("recordId", recordForDispute);
        fixture("otherAgencyRecordId", otherActive[0]);
        fixture("otherOfficerRecordId", otherActive[0]);
        fixture("pendingRecordId", pendingRecordId);
        fixture("otherAgencyPendingRecordId", otherAgencyPending);
        fixture("disputeForDecision", disputeForDecision);
        fixtures.put("randomUuid", () -> UUID.randomUUID().toString());

        AuthorizationMatrix matrix = AuthorizationMatrix.load("authorization-matrix.md")
                .with("ori", ori).with("otherOri", otherOri)
                .with("officerId", officerId).with("otherOfficerId", otherActive[1])
                .with("officerCert", officerCert).with("otherOfficerCert", otherOfficerCert)
                .with("usedClientKey", usedClientKey)
                .with("freshCert", RecordsApi::randomCert)
                .with("freshKey", () -> "matrix-" + UUID.randomUUID())
                .with("version", "999999")
                .with("state", "VA").with("otherState", "MD");
        for (String placeholder : fixtures.keySet()) {
            matrix.with(placeholder, () -> resolveFixture(placeholder));
        }
        return matrix.rows().map(row -> DynamicTest.dynamicTest(row.getDisplayName(), () -> {
            Map<String, String> swapped = new HashMap<>();
            Matcher m = FIXTURE.matcher(row.getDisplayName());
            while (m.find()) {
                swapped.put(m.group(1), m.group(2));
            }
            rowFixtures = swapped;
            try {
                row.getExecutable().execute();
            } finally {
                rowFixtures = Map.of();
            }
        }));
    }

    private void fixture(String name, String value) {
        fixtures.put(name, () -> value);
    }

    /** The placeholder's own fixture, or the one the current row puts in its place. */
    private String resolveFixture(String placeholder) {
        String name = rowFixtures.getOrDefault(placeholder, placeholder);
        Supplier<String> value = fixtures.get(name);
        if (value == null) {
            throw new AssertionError("the matrix names an unknown fixture " + name);
        }
        return value.get();
    }

    private static String[] submit(String ori, String body) {
        var response = as(TestTokens.agencyUser(ori)).body(body).post("/api/v1/agencies/{ori}/records", ori).then()
                .statusCode(201).extract();
        return new String[] {response.path("id"), response.path("officerId")};
    }
}
