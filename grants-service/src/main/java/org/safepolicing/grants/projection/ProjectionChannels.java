package org.safepolicing.grants.projection;

/** Incoming channel names, shared by the listener and application.properties. */
public final class ProjectionChannels {

    /** agency-registry.v1 */
    public static final String AGENCY_REGISTRY = "agency-registry";
    /** credentialing.events.v1 */
    public static final String CREDENTIALING_EVENTS = "credentialing-events";
    /** The inbox consumer name: one processed-event ledger for the whole projection. */
    public static final String CONSUMER = "grants-projection";

    private ProjectionChannels() {
    }
}
