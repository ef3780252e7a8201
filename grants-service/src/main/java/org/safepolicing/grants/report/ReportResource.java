package org.safepolicing.grants.report;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Csv;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.platform.web.QueryValues;

@Path("/api/v1/grant-programs/{programId}/eligibility-report")
@Tag(name = "Reports")
public class ReportResource {

    private final EligibilityReport report;
    private final AuditTrail audit;

    ReportResource(EligibilityReport report, AuditTrail audit) {
        this.report = report;
        this.audit = audit;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.TEXT_CSV})
    @RolesAllowed({Roles.GRANT_OFFICER, Roles.DOJ_ADMIN})
    @Operation(summary = "Eligible and ineligible agencies for a program, with the failing rules",
            description = "Every agency grants has heard of, decided under the program's terms now, ordered by ORI."
                    + " Filter with eligible=true|false. JSON (counts and one page) unless the caller prefers text/csv:"
                    + " then every matching agency as CSV, one row per agency: ori, name, agency_type, eligible,"
                    + " failing_rules (codes, separated by '; '), reasons (separated by '; '); formula-safe. A bulk read of"
                    + " every agency's standing: audited (grant-eligibility-report.read).")
    @APIResponse(responseCode = "200", description = "Counts and one page of agencies, or the CSV")
    @APIResponse(responseCode = "400", description = "Bad paging or filter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a grant officer or DOJ admin")
    @APIResponse(responseCode = "404", description = "No such program")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller: wait Retry-After seconds")
    @RateLimited("eligibility-report")
    @Transactional
    public Response get(@PathParam("programId") UUID programId, @QueryParam("eligible") String eligibleParam,
                        @Valid @BeanParam PageRequest paging, @Context HttpHeaders headers) {
        Boolean eligible = QueryValues.bool("eligible", eligibleParam);
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .filter(type -> type.isCompatible(MediaType.valueOf(Csv.TEXT_CSV)) && !type.isWildcardType())
                .isPresent();
        Response answer = csv ? csv(programId, eligible)
                : Response.ok(json(programId, eligible, paging)).type(MediaType.APPLICATION_JSON).build();
        audit.record("grant-eligibility-report.read", "grant-program", programId.toString(), AuditTrail.SUCCESS);
        return answer;
    }

    private ReportView json(UUID programId, Boolean eligible, PageRequest paging) {
        EligibilityReport.Result result = report.run(programId, eligible);
        int from = Math.min(result.rows().size(), paging.offset());
        int to = Math.min(result.rows().size(), from + paging.size);
        return new ReportView(programId, result.program().name, result.asOf(), result.eligible(), result.ineligible(),
                Page.of(result.rows().subList(from, to), paging, result.rows().size()));
    }

    private Response csv(UUID programId, Boolean eligible) {
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
