package org.safepolicing.platform.idempotency;

import jakarta.enterprise.context.RequestScoped;

/** Whether this request's answer was replayed from an earlier request with the same key. */
@RequestScoped
public class IdempotencyState {

    private boolean replayed;

    void replayed() {
        replayed = true;
    }

    public boolean isReplayed() {
        return replayed;
    }
}
