package org.safepolicing.platform.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.platform.events.TestTopics;
import org.safepolicing.testing.AuditTampering;
import org.safepolicing.testing.SuiteServers;

/**
 * The scheduled verification's figures, as Prometheus reads them from {@code /q/metrics}: intact with no problem on
 * an untouched trail; 0 and the altered row counted once the owner changed a row behind the service's back; intact
 * again when the row is put back. Real PostgreSQL and Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class AuditVerificationJobTest {

    @Inject
    AuditTrail audit;
    @Inject
    AuditVerificationJob job;

    @Test
    void theMetricsSayWhetherTheTrailIsIntact() throws Exception {
        String object = "verification-job-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> audit.record("test.verification-job", "test", object, AuditTrail.SUCCESS));
        long rowId = QuarkusTransaction.requiringNew().call(() -> ((Number) io.quarkus.arc.Arc.container()
                .instance(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("select id from audit_entry where object_id = ?1").setParameter(1, object)
                .getSingleResult()).longValue());

        long before = System.currentTimeMillis() / 1000;
        assertTrue(job.verifyNow().intact());
        assertEquals(1.0, metric("audit_verification_intact"));
        assertEquals(0.0, metric("audit_verification_problems"));
        assertTrue(metric("audit_verification_rows") >= 1);
        assertTrue(metric("audit_verification_last_completed_seconds") >= before);

        try (Connection owner = AuditTampering.owner()) {
            List<Object> saved = AuditTampering.row(owner, rowId);
            AuditTampering.withGuardOff(owner, "update audit_entry set outcome = 'DENIED' where id = " + rowId);
            try {
                assertFalse(job.verifyNow().intact());
                assertEquals(0.0, metric("audit_verification_intact"));
                assertTrue(metric("audit_verification_problems") >= 1, "the altered row is counted");
            } finally {
                AuditTampering.withGuardOff(owner, "delete from audit_entry where id = " + rowId);
                AuditTampering.restore(owner, saved);
            }
        }
        assertTrue(job.verifyNow().intact(), "restored");
        assertEquals(1.0, metric("audit_verification_intact"));
    }

    private static double metric(String name) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([-0-9.Ee+Na]+)$").matcher(text);
        assertTrue(m.find(), name + " is exported");
        return Double.parseDouble(m.group(1));
    }
}
