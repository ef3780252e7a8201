package org.safepolicing.coresponder.agency;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.platform.events.AgencyRegistryCopy;

/**
 * Keeps the local agency table from agency-registry.v1 through the platform's {@link AgencyRegistryCopy}: each poll one
 * transaction per partition, each snapshot checked against the contract once, the newest {@code ce_sequence} per
 * agency applied, an older one skipped; a poison record is dead-lettered and the rest applied.
 */
@ApplicationScoped
public class AgencyRegistryListener {

    /** The incoming channel (application.properties) and the inbox consumer name. */
    public static final String CHANNEL = "agency-registry";
    public static final String CONSUMER = "coresponder-agency-registry";

    private final AgencyRegistryCopy registry;
    private final AgencyRegistryProjector projector;

    AgencyRegistryListener(AgencyRegistryCopy registry, AgencyRegistryProjector projector) {
        this.registry = registry;
        this.projector = projector;
    }

    /** One poll of the channel ({@code batch=true}). */
    @Incoming(CHANNEL)
    public CompletionStage<Void> onSnapshot(KafkaRecordBatch<String, String> batch) {
        return registry.consume(CONSUMER, batch, projector::upsert);
    }
}
