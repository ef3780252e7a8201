package org.safepolicing.credentialing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

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
        return jobs.runExclusively(BODY_TERMS, () -> bodies.expireTerms(today));
    }

    /** Credentials whose validity ended before {@code today}; {@code null} when another replica ran the job this round. */
    public List<UUID> expireCredentials(LocalDate today) {
        return jobs.runExclusively(CREDENTIALS, () -> credentials.expireDue(today));
    }
}
