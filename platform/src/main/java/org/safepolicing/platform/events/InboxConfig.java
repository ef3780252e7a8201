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
}
