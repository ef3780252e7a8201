package org.safepolicing.grants;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.testing.SuiteServers;

/** A body's suspension re-decides the 3,000 agencies it credentials in one transaction, in seconds. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class BodyChangeAtScaleTest {

    private static final int AGENCIES = 3_000;
    private static final String SEEDED_RULES = """
            [{"rule":"SEC_2B_CREDENTIAL","outcome":"PASS","reason":"credential sought from certified credentialing body B",
              "decidedBy":{"eventId":"seed","eventType":"seed","eventTime":"2026-01-01T00:00:00Z"}}]""";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void suspendingABodyUsedByThreeThousandAgenciesFailsThemAll() {
        GrantsDatabase db = new GrantsDatabase(dataSource);
        UUID bodyId = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-08-01T09:00:00Z");
        db.awaitProcessed(Upstream.certifiedBody(bodyId, "Busy Body", t0));
        // 3,000 agencies credentialed through this body, seeded as the projection would hold them after their events
        String prefix = "WY" + (char) ('A' + ThreadLocalRandom.current().nextInt(26));
        db.execute("""
                insert into credential_projection (ori, credential_id, body_id, status, last_event_id, last_event_type,
                                                   last_event_time, last_sequence, updated_at)
                select ? || lpad(i::text, 6, '0'), gen_random_uuid(), ?, 'SOUGHT', 'seed', 'seed', now(), 1, now()
                  from generate_series(1, ?) i
                on conflict (ori) do update set body_id = excluded.body_id, status = 'SOUGHT', last_sequence = 1""",
                prefix, bodyId, AGENCIES);
        db.execute("""
                insert into agency_eligibility (ori, eligible, rules, decided_at)
                select ? || lpad(i::text, 6, '0'), true, ?::jsonb, now() from generate_series(1, ?) i
                on conflict (ori) do update set eligible = true, rules = excluded.rules""",
                prefix, SEEDED_RULES, AGENCIES);

        String suspension = Upstream.body(bodyId, "Busy Body", EventTypes.BODY_SUSPENDED, BodyStatus.SUSPENDED,
                BodyStatus.CERTIFIED, "audit pending", t0.plusSeconds(3600));

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from agency_eligibility where ori like ? and not eligible", prefix + "%") == AGENCIES);
        assertEquals(AGENCIES, db.count(
                "select count(*) from eligibility_history where ori like ? and decided_by_event_id = ?", prefix + "%",
                suspension));
        assertEquals(AGENCIES, db.count("""
                select count(*) from outbox_event
                 where aggregate_key like ? and topic = 'grants.eligibility.v1' and payload ->> 'eligible' = 'false'""",
                prefix + "%"));
    }
}
