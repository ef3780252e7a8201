package org.safepolicing.coresponder.survey;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.coresponder.web.Years;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/**
 * HHS's reports to the President (Sec. 4(c)): published by HHS analysts (the order charges the Secretary of HHS with
 * the survey and the report), read by anyone, as the survey is: aggregates only.
 */
@Idempotent
@Path("/api/v1/survey/reports")
@Tag(name = "Survey reports", description = "Dated, immutable, versioned survey reports to the President (Sec. 4(c))")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportPublisher reports;

    ReportResource(ReportPublisher reports) {
        this.reports = reports;
    }

    @POST
    @RolesAllowed(Roles.HHS_ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a report to the President from the live survey",
            description = "The next version of the period (calendar year) and scope (state null: the nation); the survey with costs "
                    + "and funding recommendations for the year, stored as published and never recomputed. Publishes "
                    + "org.safepolicing.coresponder.survey.report-published on coresponder.events.v1, key: the report id.")
    @APIResponse(responseCode = "201", description = "The published report")
    @APIResponse(responseCode = "400", description = "Invalid year or state")
    @APIResponse(responseCode = "403", description = "Not an HHS analyst")
    @APIResponse(responseCode = "422", description = "A year that has not begun (future-period)")
    public Response publish(@NotNull @Valid PublishedReport.Request request) {
        PublishedReport report = reports.publish(request);
        return Response.created(URI.create("/api/v1/survey/reports/" + report.id())).entity(report).build();
    }

    @GET
    @PermitAll
    @RateLimited(SurveyResource.LIMIT)
    @Operation(summary = "The published reports, newest first", description = "Filters: year, state.")
    @APIResponse(responseCode = "200", description = "One page of reports")
    @APIResponse(responseCode = "400", description = "An invalid year, state or page")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit survey)")
    public Page<PublishedReport.Summary> list(@QueryParam("year") @Parameter(description = "Only reports for this calendar year, 2000-2100; "
                                                      + "anything else is 400 invalid-input",
                                                      schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100"))
                                              @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE) String year,
                                              @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                                              @Valid @BeanParam PageRequest paging) {
        return reports.list(Years.optional(year), state, paging);
    }

    @GET
    @PermitAll
    @RateLimited(SurveyResource.LIMIT)
    @Path("/{id}")
    @Operation(summary = "A published report, exactly as published")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No such report")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit survey)")
    public Response get(@PathParam("id") UUID id) {
        return Response.ok(reports.document(id)).type(MediaType.APPLICATION_JSON).build();
    }
}
