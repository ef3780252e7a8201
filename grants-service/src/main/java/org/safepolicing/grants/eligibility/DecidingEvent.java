package org.safepolicing.grants.eligibility;

import java.time.Instant;

import org.safepolicing.grants.projection.AppliedEvent;

/** The upstream event that decided a rule's outcome: its ce_id, ce_type and ce_time. */
public record DecidingEvent(String eventId, String eventType, Instant eventTime) {

    static DecidingEvent of(AppliedEvent event) {
        return new DecidingEvent(event.eventId, event.eventType, event.eventTime);
    }

    /** The later of two events by time; {@code a} when they tie or a time is missing. */
    static DecidingEvent later(DecidingEvent a, DecidingEvent b) {
        if (a.eventTime() == null || b.eventTime() == null) {
            return b.eventTime() != null && a.eventTime() == null ? b : a;
        }
        return b.eventTime().isAfter(a.eventTime()) ? b : a;
    }
}
