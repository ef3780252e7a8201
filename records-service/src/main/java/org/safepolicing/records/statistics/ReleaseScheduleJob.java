package org.safepolicing.records.statistics;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

import org.safepolicing.platform.jobs.ClusterJobs;
import org.safepolicing.platform.problem.ProblemException;

/**
 * Publishes the scheduled public releases (Sec. 3(c): "regularly and periodically") on a timer, on one replica at a
 * time (platform {@link ClusterJobs}), and on demand as of a given day. Each scheduled release is decided once:
 * published, or withheld with its reason (both coverage figures and thresholds) for the release list.
 */
@ApplicationScoped
public class ReleaseScheduleJob {

    public static final String NAME = "records.statistics.release-schedule";
    static final String SCHEDULER = "scheduler";

    private final ClusterJobs jobs;
    private final StatisticsService statistics;
    private final ReleaseSchedule schedule;
    private final Clock clock;

    ReleaseScheduleJob(ClusterJobs jobs, StatisticsService statistics, ReleaseSchedule schedule, Clock clock) {
        this.jobs = jobs;
        this.statistics = statistics;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Scheduled(identity = NAME, every = "${records.statistics.schedule.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run(LocalDate.now(clock), SCHEDULER);
    }

    /**
     * Decides every scheduled release due on {@code asOf} that was never decided, as {@code by}; 409 when another
     * replica is running the schedule right now.
     */
    public StatisticsService.ScheduleRun run(LocalDate asOf, String by) {
        StatisticsService.ScheduleRun result = jobs.runExclusively(NAME,
                () -> statistics.runSchedule(asOf, schedule.due(asOf), by));
        if (result == null) {
            throw ProblemException.conflict("job-running", "the release schedule is running on another replica; try again");
        }
        return result;
    }
}
