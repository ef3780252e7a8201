package org.safepolicing.platform.events;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "platform.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay. Any number of replicas may; one relays at a time. */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * Most rows sent in one relay transaction. The relay takes all pending rows up to this cap, and loops at once
     * while rows remain, so a backlog drains in few large Kafka transactions.
     */
    @WithDefault("5000")
    int batchSize();

    /**
     * When commits came while the relay was sending its last batch (a burst), how long it waits for more before reading
     * the pending rows, so the burst goes out in one Kafka transaction. Bounded: the latency it adds is at most this. A
     * commit after a quiet spell is sent at once, without it.
     */
    @WithDefault("5ms")
    Duration linger();

    /** How often the relay looks for rows when nothing woke it (another replica's commits, rows left by a crash). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** First wait after a failed send; doubles per failure up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("15s")
    Duration maxBackoff();

    /** How long one send may wait for the broker's acknowledgement. */
    @WithDefault("10s")
    Duration sendTimeout();

    /**
     * The relay's Kafka transactional id; defaults to {@code <application name>-outbox-relay}. One per service: a new
     * relay with the same id fences an old one.
     */
    Optional<String> transactionalId();

    /**
     * The largest record the relay sends (value, key and headers); a larger row is parked with its reason. Kafka's own
     * limits are about 1 MiB (the producer's {@code max.request.size}, the broker's {@code message.max.bytes}).
     */
    @WithDefault("1000000")
    int maxRecordBytes();

    /**
     * Readiness shows the event backbone DEGRADED (still in service) when the oldest event waiting for Kafka is older
     * than this.
     */
    @WithDefault("60s")
    Duration backlogAlert();

    /**
     * How long a row stays in the outbox after Kafka acknowledged it; {@link OutboxRetention} deletes older PUBLISHED rows
     * hourly (PENDING and PARKED rows stay until sent or mended).
     */
    @WithDefault("P7D")
    Duration retention();

    /** The CloudEvents {@code source} of this service's events. */
    @WithDefault("/safe-policing/${quarkus.application.name}")
    String source();
}
