package org.safepolicing.credentialing;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.credentialing.CredentialingApi.as;
import static org.safepolicing.credentialing.CredentialingApi.assess;
import static org.safepolicing.credentialing.CredentialingApi.assessAllMet;
import static org.safepolicing.credentialing.CredentialingApi.assessor;
import static org.safepolicing.credentialing.CredentialingApi.certifiedBody;
import static org.safepolicing.credentialing.CredentialingApi.credentialed;
import static org.safepolicing.credentialing.CredentialingApi.decide;
import static org.safepolicing.credentialing.CredentialingApi.randomOri;
import static org.safepolicing.credentialing.CredentialingApi.registerAgency;
import static org.safepolicing.credentialing.CredentialingApi.seek;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TestTokens;
import org.safepolicing.testing.TopicProbe;

/** Sec. 2 end to end through the API, as each role, with every event checked field by field and against its schema. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "credentialing"))
class CredentialDecisionLifecycleTest {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    @Inject
    ExpiryJobs jobs;

    @Inject
    org.safepolicing.platform.jobs.ClusterJobs clusterJobs;

    @Inject
    org.safepolicing.credentialing.credential.CredentialService credentialService;

    @Test
    void affirmedDeniedThenGrantedRenewedAndRevokedEachAnEventAGrantsConsumerNeedsNoCallbackFor() {
        String ori = randomOri("VA");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            // a head-of-agency affirmation counts as seeking
            String first = as(TestTokens.agencyUser(ori)).body("""
                            {"bodyId":"%s","affirmation":{"name":"Jane Roe","title":"Chief of Police",
                             "statement":"We are seeking credentialing from this body."}}""".formatted(bodyId))
                    .post("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(201)
                    .body("status", equalTo("SOUGHT")).body("affirmedBy", equalTo("Jane Roe, Chief of Police"))
                    .extract().path("id");
            String version = as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, first)
                    .then().statusCode(200).extract().path("standardsVersion");
            JsonNode sought = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_SOUGHT), EVENT_WAIT));
            assertEquals(first, sought.get("credentialId").asText());
            assertEquals(ori, sought.get("ori").asText());
            assertEquals(bodyId, sought.get("bodyId").asText());
            assertEquals("SOUGHT", sought.get("status").asText());
            assertTrue(sought.get("previousStatus").isNull());
            assertEquals(version, sought.get("standardsVersion").asText());
            assertTrue(sought.get("validFrom").isNull() && sought.get("validUntil").isNull());
            assertTrue(sought.get("reason").asText().contains("head-of-agency affirmation by Jane Roe, Chief of Police"));

            // no decision before every standard the body must assess has a finding
            as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, first).then().statusCode(422)
                    .body("type", equalTo("urn:safe-policing:problem:assessment-incomplete"))
                    .body("missingStandards", hasItem("CHOKEHOLD_BAN"));
            assess(ori, first, bodyId, "UOF_LAWFUL", "MET");
            assess(ori, first, bodyId, "CHOKEHOLD_BAN", "NOT_MET");
            assess(ori, first, bodyId, "DUTY_TO_INTERVENE", "MET");
            as(assessor(bodyId)).get("/api/v1/agencies/{ori}/credentials/{id}/assessments", ori, first).then().statusCode(200)
                    .body("assessments.find { it.standard == 'CHOKEHOLD_BAN' }.outcome", equalTo("NOT_MET"))
                    .body("assessments.find { it.standard == 'CHOKEHOLD_BAN' }.evidenceRefs", contains("policy-manual-2026.pdf#CHOKEHOLD_BAN"))
                    .body("assessments.find { it.standard == 'CHOKEHOLD_BAN' }.notes", equalTo("reviewed on site"));
            // a mandatory standard not MET can never be credentialed
            as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, first).then().statusCode(422)
                    .body("type", equalTo("urn:safe-policing:problem:mandatory-standard-not-met"))
                    .body("unmetStandards", contains("CHOKEHOLD_BAN"));
            // NOT_APPLICABLE is not MET either, for a mandatory standard
            assess(ori, first, bodyId, "CHOKEHOLD_BAN", "NOT_APPLICABLE");
            as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, first).then().statusCode(422)
                    .body("unmetStandards", contains("CHOKEHOLD_BAN"));
            as(assessor(bodyId)).body("{\"outcome\":\"DENIED\",\"reason\":\"chokehold policy missing\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, first).then().statusCode(200)
                    .body("status", equalTo("DENIED")).body("unmetStandards", contains("CHOKEHOLD_BAN"))
                    .body("validUntil", nullValue());
            JsonNode denied = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_DENIED), EVENT_WAIT));
            assertEquals(first, denied.get("credentialId").asText());
            assertEquals("DENIED", denied.get("status").asText());
            assertEquals("SOUGHT", denied.get("previousStatus").asText());
            assertEquals("CHOKEHOLD_BAN", denied.get("unmetStandards").get(0).asText());
            assertEquals(1, denied.get("unmetStandards").size());
            assertEquals("chokehold policy missing", denied.get("reason").asText());
            // a decided credential is not decided again
            as(assessor(bodyId)).body("{\"outcome\":\"DENIED\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, first).then().statusCode(409)
                    .body("currentState", equalTo("DENIED"));

            // a new attempt, granted: valid 36 months from the determination
            String second = seek(ori, bodyId);
            assessAllMet(ori, second, bodyId);
            as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, second).then().statusCode(200)
                    .body("status", equalTo("CREDENTIALED")).body("validFrom", equalTo(today.toString()))
                    .body("validUntil", equalTo(today.plusMonths(36).toString())).body("inForce", equalTo(true));
            JsonNode granted = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_GRANTED), EVENT_WAIT));
            assertEquals(second, granted.get("credentialId").asText());
            assertEquals("CREDENTIALED", granted.get("status").asText());
            assertEquals("SOUGHT", granted.get("previousStatus").asText());
            assertEquals(today.toString(), granted.get("validFrom").asText());
            assertEquals(today.plusMonths(36).toString(), granted.get("validUntil").asText());
            assertEquals(0, granted.get("unmetStandards").size());

            // renewal before expiry: a new credential, sought while the first stays in force; granted, it replaces it
            String renewal = as(TestTokens.agencyUser(ori)).post("/api/v1/agencies/{ori}/credentials/{id}/renewal", ori, second)
                    .then().statusCode(201).body("status", equalTo("SOUGHT")).body("renewalOf", equalTo(second))
                    .extract().path("id");
            as(TestTokens.agencyUser(ori)).post("/api/v1/agencies/{ori}/credentials/{id}/renewal", ori, second)
                    .then().statusCode(409).body("currentState", equalTo("SOUGHT"));
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, second).then()
                    .body("inForce", equalTo(true));
            JsonNode renewalSought = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_SOUGHT)
                    && renewal.equals(EventContract.json(r).get("credentialId").asText()), EVENT_WAIT));
            assertEquals(second, renewalSought.get("renewalOf").asText(), "the renewal's sought event names what it renews");
            assertTrue(granted.get("renewalOf") == null || granted.get("renewalOf").isNull(), "a first credential renews nothing");
            assessAllMet(ori, renewal, bodyId);
            decide(ori, renewal, bodyId, "CREDENTIALED");
            JsonNode renewed = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_RENEWED), EVENT_WAIT));
            assertEquals(renewal, renewed.get("credentialId").asText());
            assertEquals(second, renewed.get("renewalOf").asText(), "credential.renewed names the credential it replaces");
            assertEquals("CREDENTIALED", renewed.get("status").asText());
            assertEquals(today.plusMonths(36).toString(), renewed.get("validUntil").asText());
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, second).then()
                    .body("inForce", equalTo(false)).body("supersededBy", equalTo(renewal));
            as(assessor(bodyId)).body("{\"reason\":\"x\"}").post("/api/v1/agencies/{ori}/credentials/{id}/revocation", ori, second)
                    .then().statusCode(409).body("type", equalTo("urn:safe-policing:problem:credential-superseded"));

            // revoked by the body; then nothing more
            as(assessor(bodyId)).body("{\"reason\":\"use-of-force policy rescinded\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/revocation", ori, renewal).then().statusCode(200)
                    .body("status", equalTo("REVOKED"));
            JsonNode revoked = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_REVOKED), EVENT_WAIT));
            assertEquals(renewal, revoked.get("credentialId").asText());
            assertEquals("CREDENTIALED", revoked.get("previousStatus").asText());
            assertEquals("use-of-force policy rescinded", revoked.get("reason").asText());
            as(assessor(bodyId)).body("{\"reason\":\"again\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/revocation", ori, renewal).then().statusCode(409)
                    .contentType("application/problem+json").body("currentState", equalTo("REVOKED"))
                    .body("detail", containsString("REVOKED"));
            as(TestTokens.agencyUser(ori)).body("{}").post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", ori, renewal)
                    .then().statusCode(409).body("currentState", equalTo("REVOKED"));

            // the agency's events are in order on its key, all on one partition
            List<ConsumerRecord<String, String>> mine = topic.all(r -> ori.equals(r.key()), Duration.ofSeconds(1));
            List<String> types = mine.stream().map(r -> TopicProbe.header(r, "ce_type")).toList();
            assertEquals(List.of(EventTypes.CREDENTIAL_SOUGHT, EventTypes.CREDENTIAL_DENIED, EventTypes.CREDENTIAL_SOUGHT,
                    EventTypes.CREDENTIAL_GRANTED, EventTypes.CREDENTIAL_SOUGHT, EventTypes.CREDENTIAL_RENEWED,
                    EventTypes.CREDENTIAL_REVOKED), types);
            assertEquals(1, mine.stream().map(ConsumerRecord::partition).distinct().count());
            mine.forEach(EventContract::check);
        }
    }

    @Test
    void withdrawnByTheAgencyAndExpiredByTheSchedulerAtTheEndOfValidity() {
        String ori = randomOri("MD");
        registerAgency(ori, "COUNTY_SHERIFF");
        String bodyId = certifiedBody();
        String credentialId = credentialed(ori, bodyId);
        LocalDate validUntil = LocalDate.parse(as(TestTokens.agencyUser(ori))
                .get("/api/v1/agencies/{ori}/credentials/{id}", ori, credentialId).then().extract().path("validUntil"));
        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            // on its last valid day it is still in force; the day after, the job expires it, once
            assertTrue(!jobs.expireCredentials(validUntil).contains(java.util.UUID.fromString(credentialId)));
            assertTrue(jobs.expireCredentials(validUntil.plusDays(1)).contains(java.util.UUID.fromString(credentialId)));
            assertTrue(jobs.expireCredentials(validUntil.plusDays(1)).isEmpty(), "a second run changes nothing");
            as(TestTokens.agencyUser(ori)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, credentialId).then()
                    .body("status", equalTo("EXPIRED"));
            JsonNode expired = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_EXPIRED), EVENT_WAIT));
            assertEquals(credentialId, expired.get("credentialId").asText());
            assertEquals("CREDENTIALED", expired.get("previousStatus").asText());
            assertEquals(validUntil.toString(), expired.get("validUntil").asText());
            as(TestTokens.agencyUser(ori)).post("/api/v1/agencies/{ori}/credentials/{id}/renewal", ori, credentialId)
                    .then().statusCode(409).body("currentState", equalTo("EXPIRED"));

            String again = seek(ori, bodyId);
            as(TestTokens.agencyUser(ori)).body("{\"reason\":\"joining another body\"}")
                    .post("/api/v1/agencies/{ori}/credentials/{id}/withdrawal", ori, again).then().statusCode(200)
                    .body("status", equalTo("WITHDRAWN"));
            JsonNode withdrawn = EventContract.check(topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_WITHDRAWN), EVENT_WAIT));
            assertEquals(again, withdrawn.get("credentialId").asText());
            assertEquals("SOUGHT", withdrawn.get("previousStatus").asText());
            assertEquals("joining another body", withdrawn.get("reason").asText());
        }
    }

    @Test
    void twoReplicasRunningTheExpiryJobAtOnceExpireACredentialOnce() throws Exception {
        String ori = randomOri("NY");
        registerAgency(ori, "STATE");
        String credentialId = credentialed(ori, certifiedBody());
        LocalDate dayAfter = LocalDate.now(ZoneOffset.UTC).plusMonths(36).plusDays(1);
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.concurrent.Callable<List<java.util.UUID>> replica = () -> {
                start.await();
                List<java.util.UUID> done = clusterJobs.runExclusively("credentialing.credential-validity",
                        () -> credentialService.expireDue(dayAfter));
                return done == null ? List.of() : done;
            };
            var first = replicas.submit(replica);
            var second = replicas.submit(replica);
            start.countDown();
            long expiredHere = java.util.stream.Stream.of(first.get(), second.get()).flatMap(List::stream)
                    .filter(id -> id.toString().equals(credentialId)).count();
            assertEquals(1, expiredHere, "one replica expired it");
        } finally {
            replicas.shutdownNow();
        }
        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            topic.await(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_EXPIRED), EVENT_WAIT);
            assertEquals(1, topic.all(r -> EventContract.is(r, ori, EventTypes.CREDENTIAL_EXPIRED), Duration.ofSeconds(1)).size());
        }
    }

    @Test
    void bodyLifecycleAppliedCertifiedSuspendedReinstatedRevokedRefusedAndTermExpiredAreSchemaValidEvents() {
        String refusedId = CredentialingApi.appliedBody("Refused Body", CredentialingApi.MANDATORY);
        String bodyId = certifiedBody();
        String expiringId = CredentialingApi.appliedBody("Short Term Body", CredentialingApi.MANDATORY);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // a one-month term that started a month ago ends today (other tests' bodies have terms of years)
        LocalDate termEnd = LocalDate.parse(as(TestTokens.dojAdmin())
                .body("{\"termMonths\":1,\"termStart\":\"" + today.minusMonths(1).plusDays(1) + "\"}")
                .post("/api/v1/bodies/{id}/certification", expiringId).then().statusCode(200)
                .extract().path("termEnd"));
        assertEquals(today, termEnd);
        as(TestTokens.dojAdmin()).body("{\"termMonths\":1,\"termStart\":\"" + today.minusMonths(2) + "\"}")
                .post("/api/v1/bodies/{id}/certification", refusedId).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:term-already-over"));
        try (TopicProbe topic = TopicProbe.of(Topics.CREDENTIALING_EVENTS)) {
            as(TestTokens.dojAdmin()).body("{\"reason\":\"not independent\"}").post("/api/v1/bodies/{id}/refusal", refusedId)
                    .then().statusCode(200).body("status", equalTo("REFUSED"));
            as(TestTokens.dojAdmin()).body("{\"termMonths\":12}").post("/api/v1/bodies/{id}/certification", refusedId)
                    .then().statusCode(409).body("currentState", equalTo("REFUSED"));
            as(TestTokens.dojAdmin()).body("{\"reason\":\"audit\"}").post("/api/v1/bodies/{id}/suspension", bodyId).then().statusCode(200);
            as(TestTokens.dojAdmin()).post("/api/v1/bodies/{id}/reinstatement", bodyId).then().statusCode(200);
            as(TestTokens.dojAdmin()).body("{\"reason\":\"fraudulent assessments\"}").post("/api/v1/bodies/{id}/revocation", bodyId)
                    .then().statusCode(200).body("status", equalTo("REVOKED")).body("statusReason", equalTo("fraudulent assessments"));
            as(TestTokens.dojAdmin()).post("/api/v1/bodies/{id}/reinstatement", bodyId).then().statusCode(409)
                    .body("currentState", equalTo("REVOKED"));
            as(TestTokens.dojAdmin()).body("{\"reason\":\"again\"}").post("/api/v1/bodies/{id}/revocation", bodyId).then().statusCode(409)
                    .body("currentState", equalTo("REVOKED"));

            // on its last day the body is certified; tomorrow's run of the job expires it, and only once
            assertTrue(!jobs.expireBodyTerms(today).contains(java.util.UUID.fromString(expiringId)));
            assertTrue(jobs.expireBodyTerms(today.plusDays(1)).contains(java.util.UUID.fromString(expiringId)));
            assertTrue(jobs.expireBodyTerms(today.plusDays(1)).isEmpty(), "a second run changes nothing");
            as(TestTokens.dojAdmin()).get("/api/v1/bodies/{id}", expiringId).then().body("status", equalTo("EXPIRED"));

            JsonNode refused = EventContract.check(topic.await(r -> EventContract.is(r, refusedId, EventTypes.BODY_REFUSED), EVENT_WAIT));
            assertEquals("APPLIED", refused.get("previousStatus").asText());
            assertEquals("not independent", refused.get("reason").asText());
            JsonNode expired = EventContract.check(topic.await(r -> EventContract.is(r, expiringId, EventTypes.BODY_TERM_EXPIRED), EVENT_WAIT));
            assertEquals("EXPIRED", expired.get("status").asText());
            assertEquals("CERTIFIED", expired.get("previousStatus").asText());
            assertEquals(today.toString(), expired.get("termEnd").asText());
            List<String> types = topic.all(r -> bodyId.equals(r.key()), Duration.ofSeconds(1)).stream()
                    .peek(EventContract::check).map(r -> TopicProbe.header(r, "ce_type")).toList();
            assertEquals(List.of(EventTypes.BODY_APPLIED, EventTypes.BODY_CERTIFIED, EventTypes.BODY_SUSPENDED,
                    EventTypes.BODY_REINSTATED, EventTypes.BODY_REVOKED), types);
            JsonNode revoked = EventContract.json(topic.await(r -> EventContract.is(r, bodyId, EventTypes.BODY_REVOKED), EVENT_WAIT));
            assertEquals(bodyId, revoked.get("bodyId").asText());
            assertEquals("REVOKED", revoked.get("status").asText());
            assertEquals("CERTIFIED", revoked.get("previousStatus").asText());
            assertEquals("fraudulent assessments", revoked.get("reason").asText());
            assertEquals(3, revoked.get("coveredStandards").size());
        }
        // an expired body may be certified for a new term
        as(TestTokens.dojAdmin()).body("{\"termMonths\":24}").post("/api/v1/bodies/{id}/certification", expiringId)
                .then().statusCode(200).body("status", equalTo("CERTIFIED"));
    }

    @Test
    void aSuspendedBodyDecidesNothingAndItsAssessorsReachOnlyItsOwnCredentials() {
        String ori = randomOri("TX");
        registerAgency(ori, "LOCAL_MUNICIPAL");
        String bodyId = certifiedBody();
        String otherBody = certifiedBody();
        String credentialId = seek(ori, bodyId);
        assessAllMet(ori, credentialId, bodyId);
        as(assessor(otherBody)).body("{\"outcome\":\"CREDENTIALED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, credentialId).then().statusCode(403);
        as(assessor(otherBody)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, credentialId).then().statusCode(403);
        as(assessor(otherBody)).get("/api/v1/agencies/{ori}/credentials", ori).then().statusCode(200)
                .body("size()", equalTo(0));
        as(TestTokens.dojAdmin()).body("{\"reason\":\"audit\"}").post("/api/v1/bodies/{id}/suspension", bodyId).then().statusCode(200);
        as(assessor(bodyId)).body("{\"outcome\":\"CREDENTIALED\"}")
                .post("/api/v1/agencies/{ori}/credentials/{id}/decision", ori, credentialId).then().statusCode(422)
                .body("type", equalTo("urn:safe-policing:problem:body-not-certified")).body("bodyStatus", equalTo("SUSPENDED"));
        as(assessor(bodyId)).get("/api/v1/agencies/{ori}/credentials/{id}", ori, credentialId).then().statusCode(200)
                .body("status", equalTo("SOUGHT"));
    }
}
