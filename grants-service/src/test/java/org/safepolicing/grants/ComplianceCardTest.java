package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** An agency's compliance card: every part of its standing in one answer, following the events, scoped and audited. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class ComplianceCardTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theCardShowsEveryPartAndFollowsAWithdrawal() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        db.awaitProcessed(Upstream.agency(ori, AgencyType.COUNTY_SHERIFF, Instant.now()));
        UUID bodyId = GrantsApi.eligibleAgency(db, ori, Instant.now());
        UUID coResponder = UUID.randomUUID();
        db.awaitProcessed(Upstream.coResponderProgram(coResponder, ori, ProgramStatus.ACTIVE, Instant.now()));
        db.awaitProcessed(Upstream.trainingCoverage(ori, 30, 120, Instant.now()));
        UUID programId = GrantsApi.program("250000.00");
        UUID awardId = GrantsApi.awarded(GrantsApi.applied(programId, ori, "5000.00"), "4000.00");

        JsonPath card = card(TestTokens.agencyUser(ori), ori);
        assertEquals(ori, card.getString("ori"));
        assertEquals("COUNTY_SHERIFF", card.getString("registry.agencyType"));
        assertTrue(card.getBoolean("registry.active"));
        assertEquals("SOUGHT", card.getString("credential.status"));
        assertEquals(bodyId.toString(), card.getString("credential.bodyId"));
        assertEquals("CERTIFIED", card.getString("credential.bodyStatus"));
        assertTrue(card.getString("credential.bodyName").startsWith("Body "));
        assertTrue(card.getBoolean("reporting.current"));
        assertEquals("2026-Q3", card.getString("reporting.period"));
        assertEquals(List.of(coResponder.toString()), card.getList("coResponder.programs.programId"));
        assertEquals("ACTIVE", card.getString("coResponder.programs[0].status"));
        assertEquals(30, card.getInt("coResponder.training.trainedOfficers"));
        assertEquals(120, card.getInt("coResponder.training.swornOfficers"));
        assertTrue(card.getBoolean("eligibility.eligible"));
        assertEquals(List.of(), card.getList("eligibility.whatMustChange"));
        assertEquals(List.of(programId.toString()), card.getList("programs.grantProgramId"));
        assertTrue(card.getBoolean("programs[0].eligibility.eligible"));
        assertEquals(List.of(awardId.toString()), card.getList("awards.id"));
        assertEquals(4000.00, card.getDouble("awards[0].amount"), 0.001);
        assertFalse(card.getBoolean("awards[0].flagged"));

        // the agency withdraws: the card turns FAIL with what must change, and the award is flagged
        String withdrawn = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_WITHDRAWN, CredentialStatus.WITHDRAWN,
                Instant.now());
        JsonPath after = await().atMost(Duration.ofSeconds(30)).until(() -> card(GrantsApi.officer(), ori),
                c -> "WITHDRAWN".equals(c.getString("credential.status")) && c.getBoolean("awards[0].flagged"));
        assertFalse(after.getBoolean("eligibility.eligible"));
        assertEquals(withdrawn, after.getString("eligibility.rules.find { it.rule == 'SEC_2B_CREDENTIAL' }.decidedBy.eventId"));
        assertEquals(List.of("SEC_2B_CREDENTIAL"), after.getList("eligibility.whatMustChange.rule"));
        assertFalse(after.getBoolean("programs[0].eligibility.eligible"));
        assertTrue(after.getString("awards[0].flagReason").startsWith("SEC_2B_CREDENTIAL: "), after.getString("awards[0].flagReason"));

        // DOJ and auditors read it too; every read is audited with who read it
        card(GrantsApi.admin(), ori);
        card(TestTokens.as("auditor").sign(), ori);
        assertTrue(db.count("select count(*) from audit_entry where action = 'agency-compliance.read' and object_id = ?",
                ori) >= 4);
    }

    @Test
    void anotherAgencysUserAndAnUnknownAgencyAreRefusedWithAProblem() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String ori = Upstream.randomOri();
        db.awaitProcessed(Upstream.agency(ori, AgencyType.LOCAL_MUNICIPAL, Instant.now()));
        long audited = db.count("select count(*) from audit_entry where action = 'agency-compliance.read' and object_id = ?", ori);

        given().auth().oauth2(TestTokens.agencyUser(Upstream.randomOri())).when().get("/api/v1/agencies/{ori}/compliance", ori)
                .then().statusCode(403).contentType(GrantsApi.PROBLEM);
        given().auth().oauth2(TestTokens.as("hhs-analyst").sign()).when().get("/api/v1/agencies/{ori}/compliance", ori)
                .then().statusCode(403).contentType(GrantsApi.PROBLEM);
        String unknown = "VAX" + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
        assertEquals("urn:safe-policing:problem:unknown-agency", given().auth().oauth2(GrantsApi.officer())
                .when().get("/api/v1/agencies/{ori}/compliance", unknown)
                .then().statusCode(404).contentType(GrantsApi.PROBLEM).extract().path("type"));
        given().auth().oauth2(GrantsApi.officer()).when().get("/api/v1/agencies/{ori}/compliance", "not-an-ori")
                .then().statusCode(400).contentType(GrantsApi.PROBLEM);
        assertEquals(audited, db.count("select count(*) from audit_entry where action = 'agency-compliance.read'"
                + " and object_id = ?", ori), "a refused read leaves no read in the trail");

        // an agency known only from its registry entry: the other parts are null or empty, and it is not eligible
        JsonPath card = card(GrantsApi.officer(), ori);
        assertNull(card.get("credential"));
        assertNull(card.get("reporting"));
        assertEquals(List.of(), card.getList("coResponder.programs"));
        assertNull(card.get("coResponder.training"));
        assertFalse(card.getBoolean("eligibility.eligible"));
        assertEquals(List.of(), card.getList("programs"));
        assertEquals(List.of(), card.getList("awards"));
    }

    private static JsonPath card(String token, String ori) {
        return given().auth().oauth2(token).when().get("/api/v1/agencies/{ori}/compliance", ori)
                .then().statusCode(200).extract().jsonPath();
    }
}
