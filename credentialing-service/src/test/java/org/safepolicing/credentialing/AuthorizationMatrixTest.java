package org.safepolicing.credentialing;

import static io.restassured.RestAssured.given;
import static org.safepolicing.credentialing.CredentialingApi.appliedBody;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assessAllMet;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

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
 * Every operation of the OpenAPI document, as every role, own versus another agency or body:
 * {@code authorization-matrix.md} is the table, read and run row by row.
 *
 * <p>The harness resolves a path placeholder by its name, and this service's OpenAPI names two different things
 * {@code {id}} (a body and a credential); a row also needs another object than the default for a swapped id or for a
 * state change. So each row runs with its text known here, and {@code {id}} is chosen from the path and the row's
 * {@code fixture=} query parameter (which the service ignores), created once per row.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class AuthorizationMatrixTest {

    private static final Pattern FIXTURE = Pattern.compile("fixture=([A-Za-z]+)");
    private static final List<String> COVERED = List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", "DUTY_TO_INTERVENE");

    private String row = "";
    private final Map<String, String> rowFixtures = new HashMap<>();

    @Test
    void everyOperationOfTheOpenApiDocumentHasARow() {
        AuthorizationMatrix.load("authorization-matrix.md").coversOpenApi();
    }

    @TestFactory
    Stream<DynamicTest> authorizationMatrix() throws Exception {
        String ori = randomOri("VA");
        String otherOri = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        registerAgency(otherOri, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody(COVERED);
        String otherBodyId = certifiedBody(COVERED);
        String credentialId = credentialed(ori, bodyId);
        String otherAgencyCredential = seek(otherOri, bodyId);
        String currentStandards = new ObjectMapper().writeValueAsString(given().get("/api/v1/standards/current")
                .then().statusCode(200).extract().path("standards"));

        Map<String, Supplier<String>> fixtures = Map.of(
                "otherBody", () -> otherBodyId,
                "otherAgencyCredential", () -> otherAgencyCredential,
                "appliedBody", () -> appliedBody("Matrix applied body", COVERED),
                "certifiedBody", () -> certifiedBody(COVERED),
                "suspendedBody", () -> {
                    String id = certifiedBody(COVERED);
                    as(TestTokens.dojAdmin()).body("{\"reason\":\"fixture\"}").post("/api/v1/bodies/{id}/suspension", id)
                            .then().statusCode(200);
                    return id;
                },
                "sought", () -> credentialOf(ori, "SOUGHT"),
                "assessedSought", () -> {
                    String id = credentialOf(ori, "SOUGHT");
                    assessAllMet(ori, id, bodyId);
                    return id;
                },
                "inForce", () -> credentialOf(ori, "IN_FORCE"));

        AuthorizationMatrix matrix = AuthorizationMatrix.load("authorization-matrix.md")
                .with("ori", ori).with("otherOri", otherOri)
                .with("bodyId", bodyId).with("otherBodyId", otherBodyId)
                .with("version", "DOJ-2020").with("standard", "UOF_LAWFUL")
                .with("newOri", () -> randomOri("VA"))
                .with("newVersion", () -> "MATRIX-" + ThreadLocalRandom.current().nextInt(100_000_000))
                .with("currentStandards", currentStandards)
                .with("year", String.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear()))
                .with("id", () -> {
                    Matcher fixture = FIXTURE.matcher(row);
                    if (fixture.find()) {
                        String name = fixture.group(1);
                        Supplier<String> make = fixtures.get(name);
                        if (make == null) {
                            throw new AssertionError("authorization-matrix.md names an unknown fixture " + name + ": " + row);
                        }
                        return rowFixtures.computeIfAbsent(name, n -> make.get());
                    }
                    if (row.contains("/api/v1/bodies/{id}")) {
                        return bodyId;
                    }
                    if (row.contains("/credentials/{id}")) {
                        return credentialId;
                    }
                    throw new AssertionError("no {id} for " + row);
                });
        return matrix.rows().map(test -> DynamicTest.dynamicTest(test.getDisplayName(), () -> {
            row = test.getDisplayName();
            rowFixtures.clear();
            test.getExecutable().execute();
        }));
    }

    /** The id of the agency's credential SOUGHT now, or in force now (IN_FORCE). */
    private static String credentialOf(String ori, String status) {
        List<Map<String, Object>> all = as(TestTokens.dojAdmin()).get("/api/v1/agencies/{ori}/credentials", ori)
                .then().statusCode(200).extract().path("$");
        return all.stream()
                .filter(c -> status.equals("IN_FORCE") ? Boolean.TRUE.equals(c.get("inForce")) : status.equals(c.get("status")))
                .map(c -> (String) c.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("agency " + ori + " has no credential " + status + ": " + all));
    }
}
