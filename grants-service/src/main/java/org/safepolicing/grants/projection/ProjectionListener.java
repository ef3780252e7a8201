package org.safepolicing.grants.projection;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.platform.events.BatchEffect;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;

/**
 * Feeds the projection from Kafka through the platform's batch inbox: each poll is one transaction per partition
 * (partitions in parallel), each event applied once in offset order. Before the first event of a batch, the batch
 * takes its locks in one fixed order ({@link ProjectionLock#forBatch}), and the agencies its events change are decided
 * together at its end ({@link AgencyDecisions#deferDecisions}, {@link AgencyDecisions#decidePending}), except where an
 * event would fold a waiting decision away ({@link AgencyDecisions#beforeChange}: a second event of the same agency, a
 * body's change).
 * A poison record is dead-lettered by the channel's failure strategy with the reason, and the rest of the batch is
 * applied.
 */
@ApplicationScoped
public class ProjectionListener {

    /** Events that re-decide every agency of a credentialing body: the batch takes the projection lock exclusively. */
    private static final Set<String> BODY_CHANGES = Set.of(EventTypes.BODY_APPLIED, EventTypes.BODY_CERTIFIED,
            EventTypes.BODY_REFUSED, EventTypes.BODY_SUSPENDED, EventTypes.BODY_REINSTATED, EventTypes.BODY_REVOKED,
            EventTypes.BODY_TERM_EXPIRED);

    private final EventInbox inbox;
    private final ProjectionLock lock;
    private final AgencyRegistryProjector registry;
    private final CredentialingProjector credentialing;
    private final ReportingProjector reporting;
    private final CoResponderProjector coResponder;
    private final AgencyDecisions eligibility;

    ProjectionListener(EventInbox inbox, ProjectionLock lock, AgencyRegistryProjector registry,
                       CredentialingProjector credentialing, ReportingProjector reporting, CoResponderProjector coResponder,
                       AgencyDecisions eligibility) {
        this.eligibility = eligibility;
        this.inbox = inbox;
        this.lock = lock;
        this.registry = registry;
        this.credentialing = credentialing;
        this.reporting = reporting;
        this.coResponder = coResponder;
    }

    @Incoming(ProjectionChannels.AGENCY_REGISTRY)
    public CompletionStage<Void> onAgencyRegistry(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(ProjectionChannels.CONSUMER, batch, locked(registry::apply));
    }

    @Incoming(ProjectionChannels.CREDENTIALING_EVENTS)
    public CompletionStage<Void> onCredentialing(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(ProjectionChannels.CONSUMER, batch, locked(credentialing::apply));
    }

    @Incoming(ProjectionChannels.RECORDS_REPORTING)
    public CompletionStage<Void> onReporting(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(ProjectionChannels.CONSUMER, batch, locked(reporting::apply));
    }

    @Incoming(ProjectionChannels.CORESPONDER_EVENTS)
    public CompletionStage<Void> onCoResponder(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(ProjectionChannels.CONSUMER, batch, locked(coResponder::apply));
    }

    /**
     * The projector's effect, after the batch's locks: the events' keys are the agencies' ORIs (a body's or a report's
     * id for body changes and survey reports, whose lock is then a harmless lock of its own).
     */
    private BatchEffect locked(Consumer<InboundEvent> effect) {
        return new BatchEffect() {
            @Override
            public void beforeBatch(List<InboundEvent> events) {
                boolean exclusive = events.stream().anyMatch(e -> BODY_CHANGES.contains(e.type()));
                lock.forBatch(exclusive, events.stream().map(InboundEvent::key).toList());
                eligibility.deferDecisions();
            }

            @Override
            public void apply(InboundEvent event) {
                eligibility.beforeChange(event.key(), BODY_CHANGES.contains(event.type()));
                effect.accept(event);
            }

            @Override
            public void afterBatch(List<InboundEvent> events) {
                eligibility.decidePending();
            }
        };
    }
}
