package org.safepolicing.platform.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An event waiting in the outbox, written in the same transaction as the change it reports.
 * Its id becomes the CloudEvent id ({@code ce_id}); the relay moves it from PENDING to PUBLISHED.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    public UUID id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    public String topic;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "aggregate_type")
    public String aggregateType;

    @Column(name = "aggregate_key")
    public String aggregateKey;

    @JdbcTypeCode(SqlTypes.JSON)
    public String payload;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String status = "PENDING";

    /** The W3C trace context it was written in ({@link org.safepolicing.platform.tracing.TraceContext}); null outside a trace. */
    public String traceparent;

    public String tracestate;
}
