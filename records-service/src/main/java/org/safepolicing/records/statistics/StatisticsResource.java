package org.safepolicing.records.statistics;

import java.util.List;

import jakarta.annotation.security.PermitAll;
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

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.idempotency.Idempotent;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Csv;

@Idempotent
@Path("/api/v1/statistics/releases")
@Tag(name = "Public statistics", description = "Aggregated, anonymized, immutable releases (Sec. 3(c)); no login")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

    private final StatisticsService statistics;

    StatisticsResource(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @POST
    @RolesAllowed(Roles.DOJ_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a new release for a year", description = "On demand (kind ON_DEMAND; the schedule"
            + " publishes YEAR_TO_DATE and ANNUAL releases, Sec. 3(c) \"regularly and periodically\"). Refused (422"
            + " coverage-too-low, with coverage, required, officerCoverage and requiredOfficerCoverage) while the share"
            + " of reports received for the year's past-due periods is below records.statistics.min-coverage or the"
            + " share of sworn officers whose agency reported is below records.statistics.min-officer-coverage."
            + " A later version of a year is suppressed together"
            + " with every earlier version of that year: no withheld count of any version can be recovered from all"
            + " versions' published counts together (non-negative integer counts that only grow between versions"
            + " unless records were amended or expunged). Publishes PublicReleasePublished on"
            + " records.public-releases.v1.")
    @APIResponse(responseCode = "201", description = "published: the new version")
    @APIResponse(responseCode = "422", description = "coverage too low (coverage-too-low), no period of the year is past"
            + " due (no-period-due), or no suppression of the new version keeps the year's versions protected"
            + " (release-not-protectable); nothing is published")
    public Response publish(@NotNull StatisticsService.PublishRequest request) {
        return Response.status(201).entity(statistics.publish(request)).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "Every release, oldest first", description = "Published releases (status PUBLISHED) and,"
            + " at the time they were decided, scheduled releases that were withheld (status WITHHELD, no version and"
            + " no tables; withheld gives the reason, both coverage figures and both thresholds).")
    @APIResponse(responseCode = "200", description = "the releases")
    public List<StatisticsService.ReleaseView> list() {
        return statistics.list();
    }

    @GET
    @Path("/{version}")
    @PermitAll
    @Operation(summary = "One release as JSON", description = "Withheld counts are null and listed in suppressedCells.")
    @APIResponse(responseCode = "200", description = "the release")
    @APIResponse(responseCode = "404", description = "no such version")
    public StatisticsService.ReleaseView get(@PathParam("version") int version) {
        return statistics.get(version);
    }

    @GET
    @Path("/{version}/csv")
    @PermitAll
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "One release as CSV", description = "One line per cell: table, row, column, count, suppressed.")
    @APIResponse(responseCode = "200", description = "the release")
    @APIResponse(responseCode = "404", description = "no such version")
    public Response csv(@PathParam("version") int version) {
        StatisticsService.ReleaseView release = statistics.get(version);
        Csv csv = Csv.header("version", "year", "table", "row", "column", "count", "suppressed");
        for (JsonNode table : release.tables()) {
            String name = table.get("name").asText();
            for (JsonNode row : table.get("rows")) {
                String label = row.get("label").asText();
                row.get("counts").fields().forEachRemaining(e ->
                        csv.row(release.version(), release.year(), name, label, e.getKey(), count(e.getValue()), e.getValue().isNull()));
                csv.row(release.version(), release.year(), name, label, StatisticsService.TOTAL, count(row.get("total")),
                        row.get("total").isNull());
            }
            table.get("columnTotals").fields().forEachRemaining(e -> csv.row(release.version(), release.year(), name,
                    StatisticsService.TOTAL, e.getKey(), count(e.getValue()), e.getValue().isNull()));
            csv.row(release.version(), release.year(), name, StatisticsService.TOTAL, StatisticsService.TOTAL,
                    count(table.get("grandTotal")), table.get("grandTotal").isNull());
        }
        return Response.ok(csv.toString()).type(Csv.MEDIA_TYPE).build();
    }

    private static Long count(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }
}
