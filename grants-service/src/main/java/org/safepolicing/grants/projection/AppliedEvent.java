package org.safepolicing.grants.projection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.safepolicing.platform.events.InboundEvent;

/**
 * The last event applied to a projected aggregate. Its {@code sequence} (ce_sequence) orders the aggregate's events:
 * one that is not above it is late or replayed.
 */
@Embeddable
public class AppliedEvent {

    @Column(name = "last_event_id")
    public String eventId;

    @Column(name = "last_event_type")
    public String eventType;

    @Column(name = "last_event_time")
    public Instant eventTime;

    @Column(name = "last_sequence")
    public long sequence;

    public static AppliedEvent of(InboundEvent event, long sequence) {
        AppliedEvent applied = new AppliedEvent();
        applied.eventId = event.id();
        applied.eventType = event.type();
        // the database keeps microseconds; truncating here keeps a re-read equal to what was applied
        applied.eventTime = event.time() == null ? null : event.time().truncatedTo(ChronoUnit.MICROS);
        applied.sequence = sequence;
        return applied;
    }

    /** From when a decision caused by the event holds: the event's time, or now when it carries none. */
    public static Instant effectiveTime(InboundEvent event) {
        return (event.time() == null ? Instant.now() : event.time()).truncatedTo(ChronoUnit.MICROS);
    }

    /** True when an event with {@code sequence} comes after this one. */
    public boolean precedes(long sequence) {
        return sequence > this.sequence;
    }
}
