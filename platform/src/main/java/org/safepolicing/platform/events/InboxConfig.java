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
}
