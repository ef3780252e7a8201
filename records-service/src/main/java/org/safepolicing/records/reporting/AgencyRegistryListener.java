package org.safepolicing.records.reporting;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Ori;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;
import org.safepolicing.platform.events.PoisonEventException;

/**
 * Keeps the local agency table (who must report, their state, type and sworn officers) from the compacted agency-registry.v1,
 * through the platform inbox: each event applies once; a snapshot older than the stored one changes nothing. The
 * first time an active agency is stored, its reporting standing is published (Sec. 3(d)).
 */
@ApplicationScoped
public class AgencyRegistryListener {

    public static final String CHANNEL = "agency-registry";
    public static final String CONSUMER = "records-agency-registry";
    private static final int MAX_NAME = 500;
    private static final Logger LOG = Logger.getLogger(AgencyRegistryListener.class);

    private final EventInbox inbox;
    private final EntityManager em;
    private final ReportingService reporting;
    private final java.time.Clock clock;

    AgencyRegistryListener(EventInbox inbox, EntityManager em, ReportingService reporting, java.time.Clock clock) {
        this.inbox = inbox;
        this.em = em;
        this.reporting = reporting;
        this.clock = clock;
    }

    /**
     * One poll of the channel ({@code batch=true}) through the platform's batch inbox: one transaction per partition's
     * share, each event applied once in offset order; a poison record is dead-lettered and the rest applied. An id,
     * type or source the inbox cannot store (over 200 characters, control characters such as a NUL) is poison there.
     */
    @Incoming(CHANNEL)
    public CompletionStage<Void> onAgencyRegistry(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(CONSUMER, batch, this::apply);
    }

    void apply(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.AGENCY_REGISTERED, EventTypes.AGENCY_UPDATED, EventTypes.AGENCY_DEACTIVATED -> project(event);
            default -> LOG.debugf("event %s of type %s is not one records uses; skipped", event.id(), event.type());
        }
    }

    private void project(InboundEvent event) {
        AgencySnapshot a = inbox.data(event, AgencySnapshot.class);
        if (!Ori.isValid(a.ori()) || (event.key() != null && !event.key().equals(a.ori()))) {
            throw new PoisonEventException("event " + event.id() + " carries ORI '" + a.ori() + "' under key '"
                    + event.key() + "'");
        }
        if (a.name() == null || a.name().isBlank()) {
            throw new PoisonEventException("event " + event.id() + " has no agency name");
        }
        if (a.name().length() > MAX_NAME || a.name().indexOf('\u0000') >= 0) {
            throw new PoisonEventException("event " + event.id() + " has an agency name longer than " + MAX_NAME
                    + " characters or holding a NUL");
        }
        if (a.state() != null && !Ori.STATE_CODES.contains(a.state())) {
            throw new PoisonEventException("event " + event.id() + " has a state that is not a state code");
        }
        em.createNativeQuery("""
                insert into agency (ori, name, agency_type, state, active, source_version, updated_at, sworn_officers)
                values (?1, ?2, ?3, ?4, ?5, ?6, now(), cast(?7 as integer))
                on conflict (ori) do update set name = excluded.name, agency_type = excluded.agency_type,
                    state = excluded.state, active = excluded.active, source_version = excluded.source_version,
                    updated_at = excluded.updated_at, sworn_officers = excluded.sworn_officers
                where agency.source_version <= excluded.source_version""")
                .setParameter(1, a.ori()).setParameter(2, a.name())
                .setParameter(3, a.type() == null ? null : a.type().name())
                .setParameter(4, a.state() == null ? Ori.state(a.ori()) : a.state())
                .setParameter(5, a.active()).setParameter(6, a.version())
                // Sec. 3(c) coverage by sworn officers; a negative count is no count
                .setParameter(7, a.swornOfficers() == null || a.swornOfficers() < 0 ? null : a.swornOfficers().toString())
                .executeUpdate();
        // Sec. 3(d): the agency's first reporting standing, at once, in this transaction (once per agency)
        reporting.publishFirstStanding(a.ori(), java.time.LocalDate.now(clock));
    }
}
