package org.safepolicing.credentialing.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.safepolicing.platform.web.QueryValues;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Csv;

@Path("/api/v1/reports")
@Tag(name = "Reports", description = "Eligible agencies per body and counts for DOJ; JSON, or CSV with Accept: text/csv")
public class ReportResource {

    private final ReportService reports;
    private final Caller caller;

    ReportResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/credential-counts")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Active agencies by state, type and credential status (DOJ)")
    public CredentialCounts counts(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                                   @QueryParam("type") String type) {
        return reports.counts(state, QueryValues.oneOf("type", type, AgencyType.class), today());
    }

    @GET
    @Path("/credential-counts")
    @Produces(Csv.TEXT_CSV)
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "The same counts as CSV")
    public Response countsCsv(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                              @QueryParam("type") String type) {
        CredentialCounts counts = reports.counts(state, QueryValues.oneOf("type", type, AgencyType.class), today());
        Csv csv = Csv.header("state", "type", "status", "count");
        csv.rows(counts.rows(), r -> List.of(r.state(), r.type(), r.status(), r.count()));
        return Response.ok(csv.toString()).type(Csv.MEDIA_TYPE).build();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
