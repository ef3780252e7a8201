package org.safepolicing.grants.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * What the projection needs of whoever decides from it: each change of an agency's facts re-decides the agencies it
 * concerns, in the projecting transaction. Owned here and implemented by eligibility, so the projection imports
 * nothing of what is decided from it.
 */
public interface AgencyDecisions {

    /** From now until {@link #decidePending} at the end of the transaction's batch of events, decisions wait. */
    void deferDecisions();

    /**
     * Called before each event of a batch changes the projection ({@code key}: the event's key, the agency's ORI for
     * agency facts): takes the waiting decisions the event would otherwise fold away, when it is a second event of a
     * waiting agency or changes many agencies' facts at once ({@code manyAgencies}: a body's standing).
     */
    void beforeChange(String key, boolean manyAgencies);

    /** The agency's facts changed, by an event effective at {@code effectiveAt}. */
    void decideForAgency(String ori, Instant effectiveAt);

    /** The body's standing changed: every agency whose credential names it is re-decided. */
    void decideForBody(UUID bodyId, Instant effectiveAt);

    /** The batch of events ends: every waiting agency is decided. */
    void decidePending();
}
