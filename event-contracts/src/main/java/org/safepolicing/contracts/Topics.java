package org.safepolicing.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every topic of the suite. Code, tests, the local broker and the deployment manifests all read this list. */
public final class Topics {

    public static final String AGENCY_REGISTRY = "agency-registry.v1";
    public static final String CREDENTIALING_EVENTS = "credentialing.events.v1";
    public static final String RECORDS_REPORTING = "records.reporting.v1";
    public static final String RECORDS_PUBLIC_RELEASES = "records.public-releases.v1";
    public static final String CORESPONDER_EVENTS = "coresponder.events.v1";
    public static final String GRANTS_ELIGIBILITY = "grants.eligibility.v1";

    /** Where a consuming service parks a message it cannot process, with the reason in the headers. */
    public static String deadLetter(String service) {
        return service + ".dead-letter.v1";
    }

    /**
     * Where a service anchors its audit trail outside its database: the heads of its hash chains, published every few
     * minutes (key: the service; compacted, so the latest anchor stays). One topic per service, written by that service
     * alone, so no service can overwrite another's anchor. A verification that no longer finds an anchored head row
     * knows rows were cut from a chain's end.
     */
    public static String auditAnchors(String service) {
        return service + ".audit-anchors.v1";
    }

    public static final String CREDENTIALING_SERVICE = "credentialing-service";
    public static final String RECORDS_SERVICE = "records-service";
    public static final String CORESPONDER_SERVICE = "coresponder-service";
    public static final String GRANTS_SERVICE = "grants-service";

    /** Agency-keyed topics: 12 partitions spread ~18,000 agencies while keeping each agency's events in order. */
    private static final int AGENCY_KEYED_PARTITIONS = 12;
    private static final Duration EVENTS_RETENTION = Duration.ofDays(3650);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(AGENCY_REGISTRY, AGENCY_KEYED_PARTITIONS, true, null, CREDENTIALING_SERVICE, true),
            new TopicSpec(CREDENTIALING_EVENTS, AGENCY_KEYED_PARTITIONS, false, EVENTS_RETENTION, CREDENTIALING_SERVICE, true),
            new TopicSpec(RECORDS_REPORTING, AGENCY_KEYED_PARTITIONS, false, EVENTS_RETENTION, RECORDS_SERVICE, true),
            new TopicSpec(RECORDS_PUBLIC_RELEASES, 1, false, null, RECORDS_SERVICE, true),
            new TopicSpec(CORESPONDER_EVENTS, AGENCY_KEYED_PARTITIONS, false, EVENTS_RETENTION, CORESPONDER_SERVICE, true),
            new TopicSpec(GRANTS_ELIGIBILITY, AGENCY_KEYED_PARTITIONS, false, EVENTS_RETENTION, GRANTS_SERVICE, true),
            new TopicSpec(deadLetter(CREDENTIALING_SERVICE), 1, false, DEAD_LETTER_RETENTION, CREDENTIALING_SERVICE, false),
            new TopicSpec(deadLetter(RECORDS_SERVICE), 1, false, DEAD_LETTER_RETENTION, RECORDS_SERVICE, false),
            new TopicSpec(deadLetter(CORESPONDER_SERVICE), 1, false, DEAD_LETTER_RETENTION, CORESPONDER_SERVICE, false),
            new TopicSpec(deadLetter(GRANTS_SERVICE), 1, false, DEAD_LETTER_RETENTION, GRANTS_SERVICE, false),
            new TopicSpec(auditAnchors(CREDENTIALING_SERVICE), 1, true, null, CREDENTIALING_SERVICE, false),
            new TopicSpec(auditAnchors(RECORDS_SERVICE), 1, true, null, RECORDS_SERVICE, false),
            new TopicSpec(auditAnchors(CORESPONDER_SERVICE), 1, true, null, CORESPONDER_SERVICE, false),
            new TopicSpec(auditAnchors(GRANTS_SERVICE), 1, true, null, GRANTS_SERVICE, false));

    public static Optional<TopicSpec> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private Topics() {
    }
}
