package org.safepolicing.platform.tracing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.EventPublisher;
import org.safepolicing.platform.events.InboundEvent;

/**
 * The test application's traced path, as a change crosses two services: a request publishes an agency event, a batch
 * consumer of {@code agency-registry.v1} applies it and, for keys starting {@code traced-}, publishes a follow-up
 * event of its own (as grants publishes its eligibility decision). Every finished span lands in {@link #SPANS}.
 */
@ApplicationScoped
@Path("/platform-test/traced")
public class TracedTestApp {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final String CONSUMER = "test-traced";

    private final EventPublisher events;
    private final EventInbox inbox;
    private final EntityManager em;

    TracedTestApp(EventPublisher events, EventInbox inbox, EntityManager em) {
        this.events = events;
        this.inbox = inbox;
        this.em = em;
    }

    /** The collector: Quarkus' default trace exporter ({@code cdi}) sends every finished span to the exporter beans. */
    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return SPANS;
    }

    /** Publishes an agency event for {@code key}; answers its event id. */
    @POST
    @Path("{key}")
    @PermitAll
    @Transactional
    public String publish(@PathParam("key") String key) {
        return events.publish(Topics.AGENCY_REGISTRY, EventTypes.AGENCY_REGISTERED, "agency", key,
                new AgencySnapshot(key, "Traced Police Department", AgencyType.LOCAL_MUNICIPAL, "VA", null, 10, 1000L, null,
                        true, 1, Instant.now())).toString();
    }

    @Incoming("traced")
    public CompletionStage<Void> onAgencies(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(CONSUMER, batch, this::apply);
    }

    private void apply(InboundEvent event) {
        em.createNativeQuery("insert into applied_event (consumer, event_id, event_key, seq) values (?1, ?2, ?3, 0)")
                .setParameter(1, CONSUMER).setParameter(2, event.id()).setParameter(3, event.key()).executeUpdate();
        if (event.key() != null && event.key().startsWith("traced-")) {
            events.publish(Topics.CREDENTIALING_EVENTS, EventTypes.BODY_APPLIED, "credentialing-body", event.key(),
                    new CredentialingBodyChanged(UUID.randomUUID(), "Traced Body", BodyStatus.APPLIED, null, List.of(),
                            LocalDate.now(), null, null, Instant.now()));
        }
    }
}
