package org.safepolicing.coresponder.agency;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.platform.events.EventInbox;

/** Keeps the local agency table from agency-registry.v1, through the platform's idempotent inbox. */
@ApplicationScoped
public class AgencyRegistryListener {

    /** The incoming channel (application.properties) and the inbox consumer name. */
    public static final String CHANNEL = "agency-registry";
    public static final String CONSUMER = "coresponder-agency-registry";

    private final EventInbox inbox;
    private final AgencyRegistryProjector projector;

    AgencyRegistryListener(EventInbox inbox, AgencyRegistryProjector projector) {
        this.inbox = inbox;
        this.projector = projector;
    }

    /**
     * One poll of the channel ({@code batch=true}) through the platform's batch inbox: one transaction per partition's
     * share, each event applied once in offset order; a poison record is dead-lettered and the rest applied.
     */
    @Incoming(CHANNEL)
    public CompletionStage<Void> onSnapshot(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(CONSUMER, batch, projector::apply);
    }
}
