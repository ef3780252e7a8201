package org.safepolicing.records.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.platform.events.AgencyRegistryCopy;

/**
 * Keeps the local agency table (who must report, their state, type and sworn officers) from the compacted
 * agency-registry.v1, through the platform's {@link AgencyRegistryCopy}: each poll one transaction per partition, each
 * snapshot checked against the contract once, the newest {@code ce_sequence} per agency applied, an older one skipped.
 * The first time an active agency is stored, its reporting standing is published (Sec. 3(d)).
 */
@ApplicationScoped
public class AgencyRegistryListener {

    public static final String CHANNEL = "agency-registry";
    public static final String CONSUMER = "records-agency-registry";

    private final AgencyRegistryCopy registry;
    private final EntityManager em;
    private final ReportingService reporting;
    private final Clock clock;

    AgencyRegistryListener(AgencyRegistryCopy registry, EntityManager em, ReportingService reporting, Clock clock) {
        this.registry = registry;
        this.em = em;
        this.reporting = reporting;
        this.clock = clock;
    }

    /** One poll of the channel ({@code batch=true}); a poison record is dead-lettered and the rest applied. */
    @Incoming(CHANNEL)
    public CompletionStage<Void> onAgencyRegistry(KafkaRecordBatch<String, String> batch) {
        return registry.consume(CONSUMER, batch, (agency, event) -> upsert(agency));
    }

    private void upsert(AgencySnapshot a) {
        em.createNativeQuery("""
                insert into agency (ori, name, agency_type, state, active, source_version, updated_at, sworn_officers)
                values (?1, ?2, ?3, ?4, ?5, ?6, now(), cast(?7 as integer))
                on conflict (ori) do update set name = excluded.name, agency_type = excluded.agency_type,
                    state = excluded.state, active = excluded.active, source_version = excluded.source_version,
                    updated_at = excluded.updated_at, sworn_officers = excluded.sworn_officers""")
                .setParameter(1, a.ori()).setParameter(2, a.name())
                .setParameter(3, a.type() == null ? null : a.type().name())
                .setParameter(4, a.state() == null ? Ori.state(a.ori()) : a.state())
                .setParameter(5, a.active()).setParameter(6, a.version())
                // Sec. 3(c) coverage by sworn officers (the copy refuses a negative count)
                .setParameter(7, a.swornOfficers() == null ? null : a.swornOfficers().toString())
                .executeUpdate();
        // Sec. 3(d): the agency's first reporting standing, at once, in this transaction (once per agency)
        reporting.publishFirstStanding(a.ori(), LocalDate.now(clock));
    }
}
