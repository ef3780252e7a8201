package org.safepolicing.credentialing.report;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Csv;

@Idempotent
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
    @Operation(summary = "The body's agencies eligible under Sec. 2(b): on a day (live view) or for a year",
            description = "Agencies seeking or holding the body's credential while it stood CERTIFIED (EO 13929 Sec. 2(b): \"sought or are "
                    + "in the process of seeking\"). Without year: on asOf (default today). With year: on any day of that year up to "
                    + "today; once DOJ closed the year, the frozen snapshot (closed, closedAt, closedBy). The body's assessors and DOJ only.")
    @APIResponse(responseCode = "400", description = "asOf or year malformed, or both given")
    @APIResponse(responseCode = "422", description = "asOf in the future, or a year before 2020 or after the current one")
    public EligibleAgenciesReport eligible(@PathParam("id") UUID bodyId,
                                           @Parameter(description = "a day, YYYY-MM-DD, not after today") @QueryParam("asOf") String asOf,
                                           @Parameter(description = "a year, e.g. 2026") @QueryParam("year") String year) {
        caller.requireBody(bodyId, Roles.DOJ_ADMIN);
        return report(bodyId, asOf, year);
    }

    @GET
    @Path("/eligible-agencies")
    @Produces(Csv.TEXT_CSV)
    @RolesAllowed({Roles.BODY_ASSESSOR, Roles.DOJ_ADMIN})
    @Operation(summary = "The same list as CSV")
    public Response eligibleCsv(@PathParam("id") UUID bodyId, @QueryParam("asOf") String asOf, @QueryParam("year") String year) {
        caller.requireBody(bodyId, Roles.DOJ_ADMIN);
        EligibleAgenciesReport report = report(bodyId, asOf, year);
        Csv csv = Csv.header("ori", "name", "type", "state", "county", "credential_id", "status", "standards_version",
                "sought_at", "valid_from", "valid_until", "topics_not_met", "topics_not_assessed");
        csv.rows(report.agencies(), e -> java.util.Arrays.asList(e.ori(), e.name(), e.type().name(), e.state(), e.county(),
                e.credentialId().toString(), e.status().name(), e.standardsVersion(), e.soughtAt().toString(),
                e.validFrom() == null ? null : e.validFrom().toString(), e.validUntil() == null ? null : e.validUntil().toString(),
                e.topicFindings() == null ? null : String.join(" ", e.topicFindings().notMet()),
                e.topicFindings() == null ? null : String.join(" ", e.topicFindings().notAssessed())));
        String name = report.year() == null ? report.asOf().toString() : report.year() + (report.closed() ? "-closed" : "-live");
        return Response.ok(csv.toString()).type(Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"eligible-agencies-" + bodyId + "-" + name + ".csv\"")
                .build();
    }

    @POST
    @Path("/eligible-agencies/years/{year}/closure")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Operation(summary = "Close the body's year (DOJ): freeze its eligible list as a dated, immutable snapshot",
            description = "The year's list as of now (January 1 to December 31, or to today for the current year) is stored and "
                    + "from then on is what ?year= answers, never recomputed. Audited (report.eligible-agencies.close-year).")
    @APIResponse(responseCode = "201", description = "the frozen list")
    @APIResponse(responseCode = "404", description = "no such body")
    @APIResponse(responseCode = "409", description = "the year is already closed for this body")
    @APIResponse(responseCode = "422", description = "a year before 2020 or after the current one")
    public Response closeYear(@PathParam("id") UUID bodyId, @PathParam("year") String year) {
        EligibleAgenciesReport closed = reports.closeYear(bodyId, year(year), today(), caller.name());
        return Response.created(URI.create("/api/v1/bodies/" + bodyId + "/reports/eligible-agencies?year=" + closed.year()))
                .type(MediaType.APPLICATION_JSON).entity(closed).build();
    }

    private EligibleAgenciesReport report(UUID bodyId, String asOf, String year) {
        boolean hasAsOf = asOf != null && !asOf.isBlank();
        boolean hasYear = year != null && !year.isBlank();
        if (hasAsOf && hasYear) {
            throw ProblemException.badRequest("give asOf (one day) or year, not both");
        }
        if (hasYear) {
            return reports.eligibleAgenciesForYear(bodyId, year(year), today());
        }
        LocalDate day = today();
        if (hasAsOf) {
            try {
                day = LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("query parameter asOf is not a date (YYYY-MM-DD)");
            }
            if (day.isAfter(today())) {
                throw ProblemException.unprocessable("as-of-in-future", "asOf " + day + " is after today (" + today() + ")");
            }
        }
        return reports.eligibleAgencies(bodyId, day);
    }

    private static int year(String value) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("[0-9]{4}")) {
            throw ProblemException.badRequest("year must be four digits, e.g. 2026");
        }
        return Integer.parseInt(v);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
