package org.safepolicing.platform.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the idempotent inbox. */
@ConfigMapping(prefix = "platform.inbox")
public interface InboxConfig {

    /** Attempts for an event whose processing fails for a reason that may pass (database down, lock timeout). */
    @WithDefault("8")
    int maxAttempts();

    @WithDefault("250ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /**
     * Partitions of one poll processed at the same time by {@link EventInbox#processBatch}, per service (one bounded
     * pool shared by every batch channel). Each takes a database connection while its transaction runs.
     */
    @WithDefault("4")
    int parallelism();

    /**
     * How long a {@code processed_event} row is kept after its event was processed; {@link InboxRetention} then forgets
     * it, hourly, and keeps a per-partition floor instead. It bounds how late a second copy of an event with a new offset
     * is still recognised: such a copy comes from a producer's relay that crashed between its Kafka commit and its
     * database commit and re-sends when it runs again, so the retention must exceed how long a producing service can
     * stay down after such a crash. A replay of old offsets is recognised by the floor whatever its age.
     */
    @WithDefault("P30D")
    Duration retention();
}
