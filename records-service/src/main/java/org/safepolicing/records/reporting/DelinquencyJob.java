package org.safepolicing.records.reporting;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import org.safepolicing.platform.jobs.ClusterJobs;
import org.safepolicing.platform.problem.ProblemException;

/** Marks non-reporting agencies DELINQUENT on a schedule, on one replica at a time. */
@ApplicationScoped
public class DelinquencyJob {

    public static final String NAME = "records.reporting.delinquency";

    private final ClusterJobs jobs;
    private final ReportingService reporting;
    private final Clock clock;

    DelinquencyJob(ClusterJobs jobs, ReportingService reporting, Clock clock) {
        this.jobs = jobs;
        this.reporting = reporting;
        this.clock = clock;
    }

    @Scheduled(identity = NAME, every = "${records.reporting.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(LocalDate.now(clock));
    }

    /**
     * Runs the check as of {@code asOf}, audited as the caller's (or the system's, for the timer); 409 when another
     * replica is running it right now.
     */
    public ReportingService.DelinquencyCheck run(LocalDate asOf) {
        ReportingService.DelinquencyCheck result = jobs.runExclusively(NAME, () -> reporting.markDelinquent(asOf));
        if (result == null) {
            throw ProblemException.conflict("job-running", "the delinquency check is running on another replica; try again");
        }
        return result;
    }
}
