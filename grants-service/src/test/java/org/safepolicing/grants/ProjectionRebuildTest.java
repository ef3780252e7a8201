package org.safepolicing.grants;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.grants.EligibilityApi.awaitEligibility;
import static org.safepolicing.grants.GrantLifecycleTest.decidedBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.grants.projection.ProjectionChannels;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;

/** The projection dropped and rebuilt from the topics gives the same answers, now and at past moments. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class ProjectionRebuildTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void droppedAndRebuiltFromTheTopicsTheAnswersAreTheSame() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        String credentialed = Upstream.randomOri();
        String tribal = Upstream.randomOri();
        GrantsApi.eligibleAgency(db, credentialed, Instant.now());
        Instant whileCurrent = Instant.now();
        String delinquent = Upstream.reporting(credentialed, "2026-Q3", ReportingStatus.DELINQUENT, false, Instant.now());
        awaitEligibility(credentialed, a -> delinquent.equals(decidedBy(a, "SEC_3D_REPORTING")));
        Instant whileDelinquent = Instant.now();
        db.awaitProcessed(Upstream.coResponderProgram(UUID.randomUUID(), credentialed, ProgramStatus.ACTIVE, Instant.now()));
        db.awaitProcessed(Upstream.agency(tribal, AgencyType.TRIBAL, Instant.now()));
        UUID programId = GrantsApi.program("1000.00", ",\"rules\":[\"CORESPONDER_PROGRAM\"]");

        Map<String, List<Object>> before = answers(credentialed, tribal, programId, whileCurrent, whileDelinquent);
        long processed = processed(db);
        // as the platform's InboxRetention leaves it once these rows are forgotten: a floor over every partition read
        db.execute("""
                insert into inbox_floor (consumer, topic, kafka_partition, floor_offset, floor_time)
                select consumer, topic, kafka_partition, max(kafka_offset), max(coalesce(event_time, processed_at))
                  from processed_event where consumer = ? group by consumer, topic, kafka_partition
                on conflict do nothing""", ProjectionChannels.CONSUMER);
        assertTrue(db.count("select count(*) from inbox_floor where consumer = ?", ProjectionChannels.CONSUMER) > 0);

        // not confirmed: refused, nothing emptied, nothing audited
        given().auth().oauth2(GrantsApi.admin()).when().post("/api/v1/admin/projection/rebuild")
                .then().statusCode(400).contentType(GrantsApi.PROBLEM);
        assertEquals(0L, db.count("select count(*) from audit_entry where action = 'grants-projection.rebuild'"));

        given().auth().oauth2(GrantsApi.admin()).queryParam("confirm", "true").when().post("/api/v1/admin/projection/rebuild")
                .then().statusCode(202).body("channels", hasSize(4));
        assertEquals(1L, db.count("select count(*) from audit_entry where action = 'grants-projection.rebuild'"));
        assertEquals(0L, db.count("select count(*) from inbox_floor where consumer = ?", ProjectionChannels.CONSUMER),
                "the floors go with the inbox rows, so the replay is applied");

        // the replay has caught up once the inbox holds as many events as before
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> processed(db) >= processed);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> answers(credentialed, tribal, programId, whileCurrent, whileDelinquent), before::equals);
    }

    private static long processed(GrantsDatabase db) {
        return db.count("select count(*) from processed_event where consumer = ?", ProjectionChannels.CONSUMER);
    }

    /** Each answer's verdict and rules (asOf is when it was reached, which a rebuild moves). */
    private static Map<String, List<Object>> answers(String credentialed, String tribal, UUID programId, Instant whileCurrent,
                                                     Instant whileDelinquent) {
        return Map.of(
                "credentialed", verdict(read(credentialed, "/api/v1/agencies/{ori}/eligibility", null, null)),
                "tribal", verdict(read(tribal, "/api/v1/agencies/{ori}/eligibility", null, null)),
                "program", verdict(read(credentialed, "/api/v1/agencies/{ori}/eligibility/programs/{id}", programId, null)),
                "whileCurrent", verdict(read(credentialed, "/api/v1/agencies/{ori}/eligibility", null, whileCurrent)),
                "whileDelinquent", verdict(read(credentialed, "/api/v1/agencies/{ori}/eligibility", null, whileDelinquent)));
    }

    private static JsonPath read(String ori, String path, UUID programId, Instant at) {
        var request = given().auth().oauth2(TestTokens.as("grant-officer").sign());
        if (at != null) {
            request = request.queryParam("at", at.toString());
        }
        var response = programId == null ? request.get(path, ori) : request.get(path, ori, programId);
        return response.then().statusCode(200).extract().jsonPath();
    }

    private static List<Object> verdict(JsonPath answer) {
        return List.of(answer.getBoolean("eligible"), answer.getList("rules"), answer.getList("whatMustChange"));
    }
}
