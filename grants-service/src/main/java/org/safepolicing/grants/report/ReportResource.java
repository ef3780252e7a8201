package org.safepolicing.grants.report;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Csv;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Path("/api/v1/grant-programs/{programId}/eligibility-report")
@Tag(name = "Reports")
public class ReportResource {

    private final EligibilityReport report;

    ReportResource(EligibilityReport report) {
        this.report = report;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "Eligible and ineligible agencies for a program, with the failing rules",
            description = "Every agency grants has heard of, decided under the program's terms now, ordered by ORI."
                    + " Filter with eligible=true|false. The same report as CSV with Accept: text/csv.")
    @APIResponse(responseCode = "200", description = "Counts and one page of agencies")
    @APIResponse(responseCode = "400", description = "Bad paging or filter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a grant officer or DOJ admin")
    @APIResponse(responseCode = "404", description = "No such program")
    public ReportView json(@PathParam("programId") UUID programId, @QueryParam("eligible") Boolean eligible,
                           @Valid @BeanParam PageRequest paging) {
        EligibilityReport.Result result = report.run(programId, eligible);
        int from = Math.min(result.rows().size(), paging.offset());
        int to = Math.min(result.rows().size(), from + paging.size);
        return new ReportView(programId, result.program().name, result.asOf(), result.eligible(), result.ineligible(),
                Page.of(result.rows().subList(from, to), paging, result.rows().size()));
    }

    @GET
    @Produces(Csv.TEXT_CSV)
    @RolesAllowed({Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "The eligibility report as CSV", description = "One row per agency: ori, name, agency_type,"
            + " eligible, failing_rules (codes, separated by '; '), reasons (separated by '; '). Formula-safe.")
    @APIResponse(responseCode = "200", description = "The CSV")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a grant officer or DOJ admin")
    @APIResponse(responseCode = "404", description = "No such program")
    public Response csv(@PathParam("programId") UUID programId, @QueryParam("eligible") Boolean eligible) {
        EligibilityReport.Result result = report.run(programId, eligible);
        String body = Csv.header("ori", "name", "agency_type", "eligible", "failing_rules", "reasons")
                .rows(result.rows(), r -> java.util.Arrays.asList(r.ori(), r.name(), r.agencyType(), r.eligible(),
                        r.failingRules().stream().map(EligibilityReport.FailingRule::rule).collect(Collectors.joining("; ")),
                        r.failingRules().stream().map(EligibilityReport.FailingRule::reason).collect(Collectors.joining("; "))))
                .toString();
        return Response.ok(body).type(Csv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"eligibility-" + programId + ".csv\"")
                .build();
    }

    @Schema(name = "EligibilityReport")
    public record ReportView(UUID grantProgramId, String programName, Instant asOf, int eligibleAgencies,
                             int ineligibleAgencies, Page<EligibilityReport.Row> agencies) {
    }
}
