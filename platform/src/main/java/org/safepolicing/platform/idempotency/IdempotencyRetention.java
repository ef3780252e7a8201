package org.safepolicing.platform.idempotency;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgets Idempotency-Keys older than {@code platform.idempotency.retention} (default 7 days), hourly. Safe on every
 * replica at once: a delete of what is old changes nothing the second time.
 */
@ApplicationScoped
public class IdempotencyRetention {

    private final EntityManager em;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    IdempotencyRetention(EntityManager em,
                         @ConfigProperty(name = "platform.idempotency.retention", defaultValue = "P7D") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        em.createNativeQuery("delete from idempotent_request where created_at < ?1")
                .setParameter(1, clock.instant().minus(retention)).executeUpdate();
    }
}
