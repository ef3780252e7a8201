package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * EO 13929 Sec. 2(b) and 3(d) condition every DOJ discretionary grant: a program's rule set adds rules to them and
 * never removes them (issue 13, point 18). Terms that leave them out get them added.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class ProgramConditionsTest {

    private static final List<String> WITH_CORESPONDER =
            List.of("CORESPONDER_PROGRAM", "SEC_2B_CREDENTIAL", "SEC_3D_REPORTING");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aProgramCreatedWithoutTheOrdersConditionsCarriesThemAnyway() {
        UUID programId = GrantsApi.program("1000.00", ",\"rules\":[\"CORESPONDER_PROGRAM\"]");
        assertEquals(WITH_CORESPONDER, GrantsApi.programView(programId).getList("rules"));
        assertEquals("CORESPONDER_PROGRAM,SEC_2B_CREDENTIAL,SEC_3D_REPORTING", new GrantsDatabase(dataSource)
                .text("select rules from grant_program where id = ?", programId));

        // an empty rule set is the order's two conditions, not no condition at all
        UUID empty = GrantsApi.program("1000.00", ",\"rules\":[]");
        assertEquals(List.of("SEC_2B_CREDENTIAL", "SEC_3D_REPORTING"), GrantsApi.programView(empty).getList("rules"));
    }

    @Test
    void changedTermsCannotDropThem() {
        UUID programId = GrantsApi.program("1000.00");
        given().auth().oauth2(GrantsApi.admin()).contentType(ContentType.JSON)
                .body(GrantsApi.terms("1000.00", ",\"rules\":[\"TRAINING_COVERAGE\"],\"minimumTrainingCoverage\":0.2"))
                .when().put("/api/v1/grant-programs/{id}", programId)
                .then().statusCode(200)
                .body("rules", equalTo(List.of("SEC_2B_CREDENTIAL", "SEC_3D_REPORTING", "TRAINING_COVERAGE")));
    }

    @Test
    void anAgencyWithoutACredentialFailsAProgramThatOnlyNamedItsOwnRule() {
        String ori = Upstream.randomOri();
        GrantsDatabase db = new GrantsDatabase(dataSource);
        Instant now = Instant.now();
        db.awaitProcessed(Upstream.agency(ori, AgencyType.LOCAL_MUNICIPAL, now.minusSeconds(300)));
        db.awaitProcessed(Upstream.reporting(ori, "2026-Q3", ReportingStatus.SUBMITTED, true, now.minusSeconds(200)));
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), ori, ProgramStatus.ACTIVE,
                now.minusSeconds(100)));
        UUID programId = GrantsApi.program("1000.00", ",\"rules\":[\"CORESPONDER_PROGRAM\"]");

        JsonPath answer = given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/agencies/{ori}/eligibility/programs/{id}", ori, programId)
                .then().statusCode(200).extract().jsonPath();
        assertFalse(answer.getBoolean("eligible"));
        assertEquals(WITH_CORESPONDER, answer.getList("rules.rule"));
        assertEquals("FAIL", answer.getString("rules.find { it.rule == 'SEC_2B_CREDENTIAL' }.outcome"));
        assertEquals("no credential sought", answer.getString("rules.find { it.rule == 'SEC_2B_CREDENTIAL' }.reason"));

        GrantsApi.apply(TestTokens.agencyUser(ori), programId, ori, "100.00")
                .then().statusCode(422).contentType(GrantsApi.PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:not-eligible"))
                .body("failingRules", hasItem("SEC_2B_CREDENTIAL"));
    }
}
