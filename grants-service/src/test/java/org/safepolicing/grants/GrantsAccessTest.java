package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/**
 * Who may do what with programs, applications, awards, reports and the rebuild, with real signed tokens; and what
 * malformed or refused requests answer. Nothing refused is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class GrantsAccessTest {

    private static final String PROBLEM = GrantsApi.PROBLEM;

    @Inject
    AgroalDataSource dataSource;

    // --- programs ---

    @Test
    void dojAdminCreatesAProgramWithExactMoneyAndDefaultRules() {
        GrantsApi.createProgram(GrantsApi.admin(), GrantsApi.terms("1234567.89", ""))
                .then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString("/api/v1/grant-programs/"))
                .body("appropriation", equalTo(1234567.89f))
                .body("remaining", equalTo(1234567.89f))
                .body("rules", equalTo(java.util.List.of("SEC_2B_CREDENTIAL", "SEC_3D_REPORTING")))
                .body("allowedAgencyTypes.size()", equalTo(0));
    }

    @Test
    void noTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(GrantsApi.terms("10.00", "")).when().post("/api/v1/grant-programs")
                .then().statusCode(401).contentType(PROBLEM);
        given().when().get("/api/v1/grant-programs").then().statusCode(401).contentType(PROBLEM);
        given().when().post("/api/v1/admin/projection/rebuild").then().statusCode(401).contentType(PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant-officer", "agency-user", "auditor", "hhs-analyst", "body-assessor"})
    void onlyDojAdminManagesPrograms(String role) {
        String token = TestTokens.as(role).claim("ori", "VA0290100").sign();
        GrantsApi.createProgram(token, GrantsApi.terms("10.00", "")).then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:forbidden"));
        UUID programId = GrantsApi.program("10.00");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(GrantsApi.terms("20.00", ""))
                .when().put("/api/v1/grant-programs/{id}", programId).then().statusCode(403).contentType(PROBLEM);
        org.junit.jupiter.api.Assertions.assertEquals(new java.math.BigDecimal("10.00"),
                GrantsApi.programMoney(programId, "appropriation"), "the refused change stored nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auditor", "hhs-analyst", "officer"})
    void rolesWithNoBusinessInGrantsReadNoPrograms(String role) {
        given().auth().oauth2(TestTokens.as(role).sign()).when().get("/api/v1/grant-programs")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void malformedTermsAreBadRequests() {
        String admin = GrantsApi.admin();
        GrantsApi.createProgram(admin, "{\"area\":\"COMMUNITY_ENGAGEMENT\"}").then().statusCode(400).contentType(PROBLEM);
        GrantsApi.createProgram(admin, GrantsApi.terms("\"lots\"", "")).then().statusCode(400).contentType(PROBLEM);
        GrantsApi.createProgram(admin, GrantsApi.terms("10.001", "")).then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:invalid-input"));
        GrantsApi.createProgram(admin, GrantsApi.terms("0", "")).then().statusCode(400).contentType(PROBLEM);
        GrantsApi.createProgram(admin, GrantsApi.terms("10.00", "").replace("CORESPONDER_COMMUNITY_SUPPORT", "PARADES"))
                .then().statusCode(400).contentType(PROBLEM);
        GrantsApi.createProgram(admin, GrantsApi.terms("10.00", ",\"allowedAgencyTypes\":[\"NAVY\"]"))
                .then().statusCode(400).contentType(PROBLEM);
        GrantsApi.createProgram(admin, GrantsApi.terms("10.00", ",\"unknownField\":1")).then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void termsADomainRuleRefusesAre422AndNothingIsStored() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        long before = db.count("select count(*) from grant_program");
        String admin = GrantsApi.admin();
        String window = GrantsApi.terms("10.00", "").replaceAll("\"applicationOpens\":\"[0-9-]+\"",
                "\"applicationOpens\":\"2030-01-01\"");
        GrantsApi.createProgram(admin, window).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:application-window"));
        GrantsApi.createProgram(admin, GrantsApi.terms("10.00", ",\"rules\":[\"SEC_2B_CREDENTIAL\",\"BE_NICE\"]"))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:unknown-rule"))
                .body("detail", containsString("BE_NICE"));
        GrantsApi.createProgram(admin, GrantsApi.terms("10.00", ",\"rules\":[\"TRAINING_COVERAGE\"]"))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:training-coverage-minimum"));
        org.junit.jupiter.api.Assertions.assertEquals(before, db.count("select count(*) from grant_program"));
    }

    @Test
    void unknownProgramIsNotFound() {
        UUID nowhere = UUID.randomUUID();
        given().auth().oauth2(GrantsApi.officer()).when().get("/api/v1/grant-programs/{id}", nowhere)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.admin()).contentType(ContentType.JSON).body(GrantsApi.terms("10.00", ""))
                .when().put("/api/v1/grant-programs/{id}", nowhere).then().statusCode(404).contentType(PROBLEM);
        GrantsApi.apply(TestTokens.agencyUser("VA0290100"), nowhere, "VA0290100", "10.00").then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).when().get("/api/v1/agencies/VA0290100/eligibility/programs/{id}", nowhere)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).when().get("/api/v1/grant-programs/not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void malformedQueryParametersAreBadRequests() {
        UUID programId = GrantsApi.program("10.00");
        given().auth().oauth2(GrantsApi.officer()).queryParam("area", "PARADES").when().get("/api/v1/grant-programs")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("area must be one of"));
        given().auth().oauth2(GrantsApi.officer()).queryParam("fiscalYear", "next").when().get("/api/v1/grant-programs")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("programId", "nope").when().get("/api/v1/grant-awards")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("flagged", "maybe").when().get("/api/v1/grant-awards")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("eligible", "maybe")
                .when().get("/api/v1/grant-programs/{id}/eligibility-report", programId)
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("fiscalYear", "2027").queryParam("area",
                        "CORESPONDER_COMMUNITY_SUPPORT").when().get("/api/v1/grant-programs")
                .then().statusCode(200).body("items.fiscalYear", org.hamcrest.Matchers.everyItem(equalTo(2027)));
    }

    // --- applications ---

    @Test
    void anAgencyUserAppliesForItsOwnAgencyOnly() {
        String ori = Upstream.randomOri();
        String other = "MD" + ori.substring(2);
        UUID programId = GrantsApi.program("1000.00");
        GrantsApi.apply(TestTokens.agencyUser(other), programId, ori, "10.00").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString(ori));
        GrantsApi.apply(TestTokens.as("agency-user").sign(), programId, ori, "10.00").then().statusCode(403)
                .contentType(PROBLEM);
        for (String role : new String[]{"grant-officer", "doj-admin"}) {
            GrantsApi.apply(TestTokens.as(role).sign(), programId, ori, "10.00").then().statusCode(403).contentType(PROBLEM);
        }
        GrantsApi.apply(TestTokens.agencyUser(ori), programId, "VA12", "10.00").then().statusCode(400).contentType(PROBLEM);
        GrantsApi.apply(TestTokens.agencyUser(ori), programId, ori, "-5").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anIneligibleAgencyIsRefusedWithWhatMustChange() {
        String ori = Upstream.randomOri();
        UUID programId = GrantsApi.program("1000.00");
        GrantsApi.apply(TestTokens.agencyUser(ori), programId, ori, "10.00").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:not-eligible"))
                .body("failingRules", equalTo(java.util.List.of("SEC_2B_CREDENTIAL", "SEC_3D_REPORTING")))
                .body("whatMustChange[0].now", equalTo("no credential sought"))
                .body("detail", containsString("no credential sought"));
        org.junit.jupiter.api.Assertions.assertEquals(0L, new GrantsDatabase(dataSource)
                .count("select count(*) from grant_application where ori = ?", ori));
    }

    @Test
    void applyingTwiceOrOutsideTheWindowOrAboveTheAppropriationIsRefused() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID programId = GrantsApi.program("1000.00");
        GrantsApi.apply(TestTokens.agencyUser(ori), programId, ori, "1000.01").then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:exceeds-appropriation"));
        UUID application = GrantsApi.applied(programId, ori, "10.00");
        GrantsApi.apply(TestTokens.agencyUser(ori), programId, ori, "10.00").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:already-exists"));

        String closed = GrantsApi.terms("10.00", "")
                .replaceAll("\"applicationOpens\":\"[0-9-]+\"", "\"applicationOpens\":\"2026-01-01\"")
                .replaceAll("\"applicationCloses\":\"[0-9-]+\"", "\"applicationCloses\":\"2026-02-01\"");
        UUID closedProgram = UUID.fromString(GrantsApi.createProgram(GrantsApi.admin(), closed).then().statusCode(201)
                .extract().path("id"));
        GrantsApi.apply(TestTokens.agencyUser(ori), closedProgram, ori, "10.00").then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:application-window-closed"));

        // reading it: the agency itself, officers and DOJ; not another agency
        given().auth().oauth2(TestTokens.agencyUser(ori)).when().get("/api/v1/grant-applications/{id}", application)
                .then().statusCode(200).body("status", equalTo("SUBMITTED"))
                .body("eligibilityAtSubmission.rule", hasItem("SEC_2B_CREDENTIAL"));
        given().auth().oauth2(TestTokens.agencyUser("MD" + ori.substring(2)))
                .when().get("/api/v1/grant-applications/{id}", application).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.agencyUser(ori)).when().get("/api/v1/grant-programs/{id}/applications", programId)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).when().get("/api/v1/grant-programs/{id}/applications", programId)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].ori", equalTo(ori));
        given().auth().oauth2(GrantsApi.officer()).queryParam("size", 501)
                .when().get("/api/v1/grant-programs/{id}/applications", programId).then().statusCode(400).contentType(PROBLEM);
    }

    // --- awards ---

    @Test
    void onlyAGrantOfficerAwardsAndOnlyWhatWasRequested() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID programId = GrantsApi.program("1000.00");
        UUID application = GrantsApi.applied(programId, ori, "100.00");
        for (String token : new String[]{TestTokens.agencyUser(ori), GrantsApi.admin(), TestTokens.as("auditor").sign()}) {
            GrantsApi.award(token, application, "100.00").then().statusCode(403).contentType(PROBLEM);
        }
        GrantsApi.award(GrantsApi.officer(), UUID.randomUUID(), "100.00").then().statusCode(404).contentType(PROBLEM);
        GrantsApi.award(GrantsApi.officer(), application, "100.01").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:exceeds-request"));
        GrantsApi.award(GrantsApi.officer(), application, "abc").then().statusCode(400).contentType(PROBLEM);
        org.junit.jupiter.api.Assertions.assertEquals(0L, db.count("select count(*) from grant_award where ori = ?", ori));

        UUID award = GrantsApi.awarded(application, "100.00");
        GrantsApi.award(GrantsApi.officer(), application, "1.00").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:illegal-transition"));
        given().auth().oauth2(TestTokens.agencyUser(ori)).when().get("/api/v1/grant-awards/{id}", award)
                .then().statusCode(200).body("amount", equalTo(100.00f)).body("flagged", equalTo(false));
        given().auth().oauth2(TestTokens.agencyUser("MD" + ori.substring(2))).when().get("/api/v1/grant-awards/{id}", award)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.agencyUser(ori)).when().get("/api/v1/grant-awards")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("programId", programId.toString())
                .when().get("/api/v1/grant-awards").then().statusCode(200).body("total", equalTo(1));
        org.junit.jupiter.api.Assertions.assertEquals(1L, db.count(
                "select count(*) from audit_entry where action = 'grant-award.made' and object_id = ?", award.toString()));
    }

    @Test
    void theAppropriationCannotGoBelowTheAwards() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID programId = GrantsApi.program("1000.00");
        GrantsApi.awarded(GrantsApi.applied(programId, ori, "600.00"), "600.00");
        given().auth().oauth2(GrantsApi.admin()).contentType(ContentType.JSON).body(GrantsApi.terms("599.99", ""))
                .when().put("/api/v1/grant-programs/{id}", programId).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:safe-policing:problem:appropriation-below-awards"));
        given().auth().oauth2(GrantsApi.admin()).contentType(ContentType.JSON).body(GrantsApi.terms("600.00", ""))
                .when().put("/api/v1/grant-programs/{id}", programId).then().statusCode(200)
                .body("remaining", equalTo(0.0f));
    }

    // --- reports, eligibility per program, rebuild ---

    @ParameterizedTest
    @ValueSource(strings = {"agency-user", "auditor", "hhs-analyst"})
    void reportsAreForOfficersAndDoj(String role) {
        UUID programId = GrantsApi.program("10.00");
        given().auth().oauth2(TestTokens.as(role).claim("ori", "VA0290100").sign())
                .when().get("/api/v1/grant-programs/{id}/eligibility-report", programId)
                .then().statusCode(403).contentType(PROBLEM);
        given().when().get("/api/v1/grant-programs/{id}/eligibility-report", programId).then().statusCode(401);
    }

    @Test
    void programEligibilityIsScopedLikeTheGeneralAnswer() {
        String ori = EligibilityApi.knownAgency();
        UUID programId = GrantsApi.program("10.00");
        String path = "/api/v1/agencies/{ori}/eligibility/programs/{id}";
        given().auth().oauth2(TestTokens.agencyUser(ori)).when().get(path, ori, programId).then().statusCode(200)
                .body("grantProgramId", equalTo(programId.toString())).body("eligible", equalTo(false));
        given().auth().oauth2(TestTokens.agencyUser("MD" + ori.substring(2))).when().get(path, ori, programId)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("at", "yesterday").when().get(path, ori, programId)
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(GrantsApi.officer()).queryParam("at", "2026-13-45")
                .when().get("/api/v1/agencies/{ori}/eligibility", ori).then().statusCode(400).contentType(PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant-officer", "agency-user", "auditor"})
    void onlyDojAdminRebuildsTheProjection(String role) {
        given().auth().oauth2(TestTokens.as(role).claim("ori", "VA0290100").sign())
                .when().post("/api/v1/admin/projection/rebuild").then().statusCode(403).contentType(PROBLEM);
    }
}
