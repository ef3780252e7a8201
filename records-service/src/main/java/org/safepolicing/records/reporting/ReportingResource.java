package org.safepolicing.records.reporting;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Idempotent
@Path("/api/v1/reporting")
@Tag(name = "Reporting", description = "Reporting compliance: period reports, zero reports, delinquency")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportingResource {

    public record DelinquencyCheckRequest(LocalDate asOf) {
    }

    private final ReportingService reporting;
    private final DelinquencyJob job;
    private final Clock clock;

    ReportingResource(ReportingService reporting, DelinquencyJob job, Clock clock) {
        this.reporting = reporting;
        this.job = job;
        this.clock = clock;
    }

    @GET
    @Path("/agencies")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AUDITOR})
    @RateLimited("reporting-search")
    @Operation(summary = "Who is current and who is late", description = "?current=false lists only delinquent agencies.")
    @APIResponse(responseCode = "200", description = "one page of agencies")
    @APIResponse(responseCode = "400", description = "an invalid page")
    @APIResponse(responseCode = "429", description = "too many searches from this caller; see Retry-After")
    public Page<ReportingService.AgencyStanding> agencies(@QueryParam("current") Boolean current,
                                                          @Valid @BeanParam PageRequest paging) {
        return reporting.agencies(current, paging);
    }

    @POST
    @Path("/delinquency-checks")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Run the delinquency check now", description = "As the scheduler does, as of today or of"
            + " {\"asOf\":\"2026-11-23\"}: every active agency without a report for a period past its due date becomes"
            + " DELINQUENT, with a ReportingStatusChanged event each.")
    @APIResponse(responseCode = "200", description = "the periods past due and how many agencies were marked")
    @APIResponse(responseCode = "409", description = "another replica is running the check")
    public ReportingService.DelinquencyCheck check(DelinquencyCheckRequest request) {
        LocalDate asOf = request == null || request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        return job.run(asOf);
    }

    @POST
    @Path("/delinquency-checks")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Run the delinquency check now, as of today (a POST without a JSON body)")
    @APIResponse(responseCode = "200", description = "the periods past due and how many agencies were marked")
    @APIResponse(responseCode = "409", description = "another replica is running the check")
    public ReportingService.DelinquencyCheck checkToday() {
        return job.run(LocalDate.now(clock));
    }
}
