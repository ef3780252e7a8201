package org.safepolicing.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safepolicing.grants.EligibilityApi.awaitEligibility;
import static org.safepolicing.grants.EligibilityApi.decidedBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/** A record the projection cannot take is parked with its reason, and the agency's partition moves on. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class DeadLetterTest {

    private static final String DEAD_LETTER = Topics.deadLetter(Topics.GRANTS_SERVICE);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    UUID bodyId;

    @BeforeEach
    void certifiedBody() {
        bodyId = UUID.randomUUID();
        new GrantsDatabase(dataSource).awaitProcessed(Upstream.certifiedBody(bodyId, "Body L", T0));
    }

    @Test
    void dataThatIsNotJsonIsDeadLetteredAndALaterEventTakesEffect() {
        String ori = Upstream.randomOri();
        Upstream.send(Topics.CREDENTIALING_EVENTS, ori, EventTypes.CREDENTIAL_SOUGHT, "this is not json {",
                Upstream.nextSequence(), T0.plusSeconds(60));

        assertDeadLettered(ori, "is not valid JSON");
        assertLaterEventTakesEffect(ori);
    }

    @Test
    void recordWithoutCloudEventHeadersIsDeadLetteredAndALaterEventTakesEffect() {
        String ori = Upstream.randomOri();
        TopicProbe.send(Topics.CREDENTIALING_EVENTS, ori,
                Upstream.credentialJson(ori, bodyId, CredentialStatus.SOUGHT, T0.plusSeconds(60)));

        assertDeadLettered(ori, "is not a CloudEvent 1.0");
        assertLaterEventTakesEffect(ori);
    }

    @Test
    void invalidOriIsDeadLetteredAndALaterEventTakesEffect() {
        String ori = Upstream.randomOri();
        // keyed by the valid ORI, so it shares that agency's partition: the later event must get past it
        String badOri = "ZZ" + ori.substring(2);
        Upstream.send(Topics.CREDENTIALING_EVENTS, ori, EventTypes.CREDENTIAL_SOUGHT,
                Upstream.credentialJson(badOri, bodyId, CredentialStatus.SOUGHT, T0.plusSeconds(60)),
                Upstream.nextSequence(), T0.plusSeconds(60));

        assertDeadLettered(ori, "invalid ORI '" + badOri + "'");
        assertLaterEventTakesEffect(ori);
    }

    @Test
    void missingRequiredFieldIsDeadLettered() {
        String ori = Upstream.randomOri();
        Upstream.send(Topics.CREDENTIALING_EVENTS, ori, EventTypes.CREDENTIAL_SOUGHT,
                "{\"credentialId\":\"" + UUID.randomUUID() + "\",\"ori\":\"" + ori + "\",\"status\":\"SOUGHT\"}",
                Upstream.nextSequence(), T0.plusSeconds(60));

        assertDeadLettered(ori, "has no bodyId");
        assertLaterEventTakesEffect(ori);
    }

    private static void assertDeadLettered(String key, String reason) {
        try (TopicProbe probe = TopicProbe.of(DEAD_LETTER)) {
            ConsumerRecord<String, String> parked = probe.await(r -> key.equals(r.key()), WAIT);
            String given = TopicProbe.header(parked, "dead-letter-reason");
            assertTrue(given != null && given.contains(reason), "dead-letter-reason: " + given);
            assertEquals(Topics.CREDENTIALING_EVENTS, TopicProbe.header(parked, "dead-letter-topic"));
        }
    }

    private void assertLaterEventTakesEffect(String ori) {
        String sought = Upstream.credential(ori, bodyId, EventTypes.CREDENTIAL_SOUGHT, CredentialStatus.SOUGHT,
                T0.plusSeconds(120));
        awaitEligibility(ori, a -> decidedBy(a, "PASS", sought));
    }
}
