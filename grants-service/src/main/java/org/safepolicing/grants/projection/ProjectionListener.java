package org.safepolicing.grants.projection;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.annotations.Blocking;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.safepolicing.platform.events.EventInbox;

/**
 * Feeds the projection from Kafka through the idempotent inbox. A record that fails leaves the method with an
 * exception, and the channel's dead-letter strategy parks it with the reason.
 */
@ApplicationScoped
public class ProjectionListener {

    private final EventInbox inbox;
    private final AgencyRegistryProjector registry;
    private final CredentialingProjector credentialing;
    private final ReportingProjector reporting;
    private final CoResponderProjector coResponder;

    ProjectionListener(EventInbox inbox, AgencyRegistryProjector registry, CredentialingProjector credentialing,
                       ReportingProjector reporting, CoResponderProjector coResponder) {
        this.inbox = inbox;
        this.registry = registry;
        this.credentialing = credentialing;
        this.reporting = reporting;
        this.coResponder = coResponder;
    }

    @Incoming(ProjectionChannels.AGENCY_REGISTRY)
    @Blocking
    public void onAgencyRegistry(ConsumerRecord<String, String> record) {
        inbox.process(ProjectionChannels.CONSUMER, record, registry::apply);
    }

    @Incoming(ProjectionChannels.CREDENTIALING_EVENTS)
    @Blocking
    public void onCredentialing(ConsumerRecord<String, String> record) {
        inbox.process(ProjectionChannels.CONSUMER, record, credentialing::apply);
    }

    @Incoming(ProjectionChannels.RECORDS_REPORTING)
    @Blocking
    public void onReporting(ConsumerRecord<String, String> record) {
        inbox.process(ProjectionChannels.CONSUMER, record, reporting::apply);
    }

    @Incoming(ProjectionChannels.CORESPONDER_EVENTS)
    @Blocking
    public void onCoResponder(ConsumerRecord<String, String> record) {
        inbox.process(ProjectionChannels.CONSUMER, record, coResponder::apply);
    }
}
