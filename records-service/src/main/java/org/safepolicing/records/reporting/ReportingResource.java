package org.safepolicing.records.reporting;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Path("/api/v1")
@Tag(name = "Reporting", description = "Reporting compliance: period reports, zero reports, delinquency")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportingResource {

    public record DelinquencyCheckRequest(LocalDate asOf) {
    }

    private final ReportingService reporting;
    private final DelinquencyJob job;
    private final Caller caller;
    private final Clock clock;

    ReportingResource(ReportingService reporting, DelinquencyJob job, Caller caller, Clock clock) {
        this.reporting = reporting;
        this.job = job;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Path("/agencies/{ori}/reports")
    @RolesAllowed(Roles.AGENCY_USER)
    @Operation(summary = "Report a period", description = "{\"period\":\"2026-Q3\",\"zeroReport\":true} certifies no"
            + " records; zeroReport false reports the records submitted with that reportingPeriod. Publishes"
            + " ReportingStatusChanged (SUBMITTED) on records.reporting.v1.")
    @APIResponse(responseCode = "201", description = "reported")
    @APIResponse(responseCode = "409", description = "the period is reported already")
    @APIResponse(responseCode = "422", description = "a zero report with records, a records report without any, or a period not required or not started")
    public Response report(@PathParam("ori") @ValidOri String ori, @NotNull ReportingService.ReportRequest request) {
        caller.requireAgency(ori);
        return Response.status(201).entity(reporting.report(ori, request)).build();
    }

    @GET
    @Path("/agencies/{ori}/reporting")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AUDITOR})
    @Operation(summary = "An agency's standing per period, and whether it is current")
    @APIResponse(responseCode = "200", description = "every period from the first required one")
    @APIResponse(responseCode = "403", description = "another agency's user")
    public ReportingService.AgencyReporting standing(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AUDITOR);
        return reporting.standing(ori);
    }

    @GET
    @Path("/reporting/agencies")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AUDITOR})
    @Operation(summary = "Who is current and who is late", description = "?current=false lists only delinquent agencies.")
    @APIResponse(responseCode = "200", description = "one page of agencies")
    public Page<ReportingService.AgencyStanding> agencies(@QueryParam("current") Boolean current,
                                                          @Valid @BeanParam PageRequest paging) {
        return reporting.agencies(current, paging);
    }

    @POST
    @Path("/reporting/delinquency-checks")
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Run the delinquency check now", description = "As the scheduler does, as of today or of"
            + " {\"asOf\":\"2026-11-23\"}: every active agency without a report for a period past its due date becomes"
            + " DELINQUENT, with a ReportingStatusChanged event each.")
    @APIResponse(responseCode = "200", description = "the periods past due and how many agencies were marked")
    @APIResponse(responseCode = "409", description = "another replica is running the check")
    public ReportingService.DelinquencyCheck check(DelinquencyCheckRequest request) {
        LocalDate asOf = request == null || request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        return job.run(asOf, true);
    }
}
