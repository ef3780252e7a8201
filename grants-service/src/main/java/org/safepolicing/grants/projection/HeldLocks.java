package org.safepolicing.grants.projection;

import java.util.HashSet;
import java.util.Set;

import jakarta.transaction.TransactionScoped;

/**
 * The advisory locks the current transaction holds already, so a projector does not ask the database again (a batch
 * takes them all at its start). Methods only: the bean is reached through its client proxy.
 */
@TransactionScoped
public class HeldLocks {

    private boolean shared;
    private boolean exclusive;
    private final Set<String> agencies = new HashSet<>();

    /** True when the projection lock, shared or exclusive, is held. */
    boolean projection() {
        return shared || exclusive;
    }

    boolean exclusive() {
        return exclusive;
    }

    void heldShared() {
        shared = true;
    }

    void heldExclusive() {
        exclusive = true;
    }

    /** True when the agency's lock was not held yet (and now counts as held). */
    boolean add(String ori) {
        return agencies.add(ori);
    }
}
