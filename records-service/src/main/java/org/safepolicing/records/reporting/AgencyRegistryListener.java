package org.safepolicing.records.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
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
        return registry.consume(CONSUMER, batch, this::upsert);
    }

    /** The batch's newest snapshots in one statement, then the first standing of those that have none yet. */
    private void upsert(List<AgencyRegistryCopy.Snapshot> snapshots) {
        List<AgencySnapshot> agencies = snapshots.stream().map(AgencyRegistryCopy.Snapshot::agency).toList();
        em.createNativeQuery("""
                insert into agency (ori, name, agency_type, state, active, source_version, updated_at, sworn_officers)
                select a.ori, a.name, a.agency_type, a.state, a.active, a.source_version, now(), a.sworn_officers
                  from unnest(?1, ?2, ?3, ?4, ?5, ?6, ?7)
                       as a(ori, name, agency_type, state, active, source_version, sworn_officers)
                on conflict (ori) do update set name = excluded.name, agency_type = excluded.agency_type,
                    state = excluded.state, active = excluded.active, source_version = excluded.source_version,
                    updated_at = excluded.updated_at, sworn_officers = excluded.sworn_officers""")
                .setParameter(1, agencies.stream().map(AgencySnapshot::ori).toArray(String[]::new))
                .setParameter(2, agencies.stream().map(AgencySnapshot::name).toArray(String[]::new))
                .setParameter(3, agencies.stream().map(a -> a.type() == null ? null : a.type().name()).toArray(String[]::new))
                .setParameter(4, agencies.stream().map(AgencySnapshot::state).toArray(String[]::new)) // checked by the copy
                .setParameter(5, agencies.stream().map(AgencySnapshot::active).toArray(Boolean[]::new))
                .setParameter(6, agencies.stream().map(AgencySnapshot::version).toArray(Long[]::new))
                // Sec. 3(c) coverage by sworn officers (the copy refuses a negative count)
                .setParameter(7, agencies.stream().map(AgencySnapshot::swornOfficers).toArray(Integer[]::new))
                .executeUpdate();
        // Sec. 3(d): each agency's first reporting standing, at once, in this transaction (once per agency)
        reporting.publishFirstStandings(agencies.stream().map(AgencySnapshot::ori).toList(), LocalDate.now(clock));
    }
}
