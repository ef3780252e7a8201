package org.safepolicing.records.reporting;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

/**
 * One agency's reports and standing. The only resource class rooted at /api/v1/agencies/{ori}: JAX-RS picks one root
 * class per request by its longest literal path, so every other agency sub-resource has its own full path.
 */
@Idempotent
@Path("/api/v1/agencies/{ori}")
@Tag(name = "Reporting", description = "Reporting compliance: period reports, zero reports, delinquency")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgencyReportingResource {

    private final ReportingService reporting;
    private final Caller caller;

    AgencyReportingResource(ReportingService reporting, Caller caller) {
        this.reporting = reporting;
        this.caller = caller;
    }

    @POST
    @Path("/reports")
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
    @Path("/reporting")
    @RolesAllowed({Roles.AGENCY_USER, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AUDITOR})
    @Operation(summary = "An agency's standing per period, and whether it is current")
    @APIResponse(responseCode = "200", description = "every period from the first required one")
    @APIResponse(responseCode = "403", description = "another agency's user")
    public ReportingService.AgencyReporting standing(@PathParam("ori") @ValidOri String ori) {
        caller.requireAgency(ori, Roles.DOJ_ADMIN, Roles.GRANT_OFFICER, Roles.AUDITOR);
        return reporting.standing(ori);
    }

}
