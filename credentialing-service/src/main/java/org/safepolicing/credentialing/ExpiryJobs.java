package org.safepolicing.credentialing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import org.safepolicing.credentialing.body.BodyService;
import org.safepolicing.credentialing.credential.CredentialService;
import org.safepolicing.platform.jobs.ClusterJobs;

/**
 * Ends what ends by the calendar: bodies' certification terms and credentials' validity. One replica runs each job at
 * a time (ClusterJobs), each in one transaction; the interval is {@code credentialing.expiry.every}.
 */
@ApplicationScoped
public class ExpiryJobs {

    static final String BODY_TERMS = "credentialing.body-terms";
    static final String CREDENTIALS = "credentialing.credential-validity";

    private final ClusterJobs jobs;
    private final BodyService bodies;
    private final CredentialService credentials;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "credentialing-expiry");
        t.setDaemon(true);
        return t;
    });

    ExpiryJobs(ClusterJobs jobs, BodyService bodies, CredentialService credentials) {
        this.jobs = jobs;
        this.bodies = bodies;
        this.credentials = credentials;
    }

    @Scheduled(identity = "credentialing-expiry", every = "{credentialing.expiry.every}", delayed = "{credentialing.expiry.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyInterval() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        expireBodyTerms(today);
        expireCredentials(today);
    }

    /** Bodies whose term ended before {@code today}; {@code null} when another replica ran the job this round. */
    public List<UUID> expireBodyTerms(LocalDate today) {
        return outsideAnyRequest(() -> jobs.runExclusively(BODY_TERMS, () -> bodies.expireTerms(today)));
    }

    /** Credentials whose validity ended before {@code today}; {@code null} when another replica ran the job this round. */
    public List<UUID> expireCredentials(LocalDate today) {
        return outsideAnyRequest(() -> jobs.runExclusively(CREDENTIALS, () -> credentials.expireDue(today)));
    }

    /**
     * Runs a job on a thread of its own, with no request context: the audit trail then records the actor "system"
     * (inside a request context without an HTTP request, platform's RequestContext cannot be resolved).
     */
    private <T> T outsideAnyRequest(Callable<T> job) {
        try {
            return worker.submit(job).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an expiry job ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
