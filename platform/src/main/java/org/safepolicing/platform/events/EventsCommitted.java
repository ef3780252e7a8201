package org.safepolicing.platform.events;

import java.util.Set;

/**
 * A CDI event fired after a transaction of this replica that published events committed, naming their topics: what a
 * bean that keeps something derived from the service's own data (a {@link org.safepolicing.platform.web.ReadCache})
 * observes to forget it at once. Other replicas' commits are not seen here; their changes reach this replica's caches
 * when those expire.
 */
public record EventsCommitted(Set<String> topics) {
}
