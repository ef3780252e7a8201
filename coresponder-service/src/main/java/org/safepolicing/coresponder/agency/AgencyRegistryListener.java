package org.safepolicing.coresponder.agency;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.annotations.Blocking;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    @Incoming(CHANNEL)
    @Blocking
    public void onSnapshot(ConsumerRecord<String, String> record) {
        inbox.process(CONSUMER, record, projector::apply);
    }
}
