package org.safepolicing.records.statistics;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;

/** Runs the release schedule (Sec. 3(c) "regularly and periodically") now, as the timer does, or as of a given day. */
@Idempotent
@Path("/api/v1/statistics/release-schedule-runs")
@Tag(name = "Public statistics", description = "Aggregated, anonymized, immutable releases (Sec. 3(c)); no login")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseScheduleResource {

    public record ScheduleRunRequest(LocalDate asOf) {
    }

    private static final String DESCRIPTION = "As the timer does (records.statistics.schedule.every), as of today or"
            + " of {\"asOf\":\"2026-11-01\"}: every scheduled release due then (year to date after each configured"
            + " quarter's reports are due; the annual release of a year records.statistics.schedule.annual-delay-days"
            + " after its last quarter's reports are due) that was never decided is decided once: published"
            + " (PublicReleasePublished on records.public-releases.v1), or withheld when a coverage figure is below its"
            + " threshold (or nothing can be measured or protected), with the reason, both figures and both thresholds"
            + " in the release list. Running it again decides nothing again. asOf is at most 10 years from today.";

    private final ReleaseScheduleJob job;
    private final Caller caller;
    private final Clock clock;

    ReleaseScheduleResource(ReleaseScheduleJob job, Caller caller, Clock clock) {
        this.job = job;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Run the release schedule now", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "the scheduled releases due and those this run decided")
    @APIResponse(responseCode = "400", description = "asOf is not a date, or more than 10 years from today")
    @APIResponse(responseCode = "409", description = "another replica is running the schedule")
    public StatisticsService.ScheduleRun run(ScheduleRunRequest request) {
        return job.run(asOf(request == null ? null : request.asOf()), caller.name());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Run the release schedule now, as of today (a POST without a JSON body)")
    @APIResponse(responseCode = "200", description = "the scheduled releases due and those this run decided")
    @APIResponse(responseCode = "409", description = "another replica is running the schedule")
    public StatisticsService.ScheduleRun runToday() {
        return job.run(LocalDate.now(clock), caller.name());
    }

    private LocalDate asOf(LocalDate requested) {
        LocalDate today = LocalDate.now(clock);
        if (requested == null) {
            return today;
        }
        if (requested.isAfter(today.plusYears(10)) || requested.isBefore(today.minusYears(10))) {
            throw ProblemException.badRequest("asOf is at most 10 years from today");
        }
        return requested;
    }
}
