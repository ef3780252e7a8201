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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Csv;

@Path("/api/v1/bodies/{id}/reports")
@Tag(name = "Reports", description = "Eligible agencies per body and counts for DOJ; JSON, or CSV with Accept: text/csv")
public class BodyReportResource {

    private final ReportService reports;
    private final Caller caller;

    BodyReportResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/eligible-agencies")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BODY_ASSESSOR, Roles.DOJ_ADMIN})
    @Operation(summary = "The body's agencies eligible under Sec. 2(b) today",
            description = "Agencies seeking or holding the body's credential while it is CERTIFIED: the list bodies used to mail "
                    + "to DOJ by January 31. The body's assessors and DOJ only.")
    public EligibleAgenciesReport eligible(@PathParam("id") UUID bodyId) {
        caller.requireBody(bodyId, Roles.DOJ_ADMIN);
        return reports.eligibleAgencies(bodyId, today());
    }

    @GET
    @Path("/eligible-agencies")
    @Produces(Csv.TEXT_CSV)
    @RolesAllowed({Roles.BODY_ASSESSOR, Roles.DOJ_ADMIN})
    @Operation(summary = "The same list as CSV")
    public Response eligibleCsv(@PathParam("id") UUID bodyId) {
        caller.requireBody(bodyId, Roles.DOJ_ADMIN);
        EligibleAgenciesReport report = reports.eligibleAgencies(bodyId, today());
        Csv csv = Csv.header("ori", "name", "type", "state", "county", "credential_id", "status", "standards_version",
                "sought_at", "valid_from", "valid_until", "topics_not_met", "topics_not_assessed");
        csv.rows(report.agencies(), e -> java.util.Arrays.asList(e.ori(), e.name(), e.type().name(), e.state(), e.county(),
                e.credentialId().toString(), e.status().name(), e.standardsVersion(), e.soughtAt().toString(),
                e.validFrom() == null ? null : e.validFrom().toString(), e.validUntil() == null ? null : e.validUntil().toString(),
                e.topicFindings() == null ? null : String.join(" ", e.topicFindings().notMet()),
                e.topicFindings() == null ? null : String.join(" ", e.topicFindings().notAssessed())));
        return Response.ok(csv.toString()).type(Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"eligible-agencies-" + bodyId + "-" + report.asOf() + ".csv\"")
                .build();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
