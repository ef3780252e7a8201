package org.safepolicing.grants.projection;

import java.util.List;

/** Incoming channel names, shared by the listener and application.properties. */
public final class ProjectionChannels {

    /** agency-registry.v1 */
    public static final String AGENCY_REGISTRY = "agency-registry";
    /** credentialing.events.v1 */
    public static final String CREDENTIALING_EVENTS = "credentialing-events";
    /** records.reporting.v1 */
    public static final String RECORDS_REPORTING = "records-reporting";
    /** coresponder.events.v1 */
    public static final String CORESPONDER_EVENTS = "coresponder-events";
    /** Every channel that feeds the projection, e.g. to replay them all. */
    public static final List<String> ALL = List.of(AGENCY_REGISTRY, CREDENTIALING_EVENTS, RECORDS_REPORTING,
            CORESPONDER_EVENTS);
    /** The inbox consumer name: one processed-event ledger for the whole projection. */
    public static final String CONSUMER = "grants-projection";

    private ProjectionChannels() {
    }
}
