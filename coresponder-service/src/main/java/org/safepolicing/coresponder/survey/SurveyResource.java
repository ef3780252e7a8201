package org.safepolicing.coresponder.survey;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.coresponder.web.Years;
import org.safepolicing.platform.web.Csv;

/**
 * The survey is public: it holds only aggregates over programs (counts, rates, medians), never an encounter, a program
 * or an agency's name.
 */
@Path("/api/v1")
@Tag(name = "Survey", description = "The community-support model survey with funding recommendations (public, aggregates only)")
public class SurveyResource {

    /** The JSON, CSV and HTML forms share one limit per caller (platform.rate-limit.survey.per-minute). */
    static final String LIMIT = "survey";
    private static final String TYPES = "STATE|LOCAL_MUNICIPAL|COUNTY_SHERIFF|UNIVERSITY|TRIBAL|TERRITORIAL|SPECIAL_JURISDICTION|FEDERAL|UNKNOWN|COMMUNITY_PROVIDER";
    private static final String TYPE_MESSAGE = "must be an agency type (" + TYPES + ")";
    private static final String YEAR = "The calendar year of the costs and funding recommendations, 2000-2100 (default: the current year, UTC); "
            + "anything else is 400 invalid-input";

    private final SurveyService survey;

    SurveyResource(SurveyService survey) {
        this.survey = survey;
    }

    @GET
    @PermitAll
    @RateLimited(LIMIT)
    @Path("/survey")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The survey as JSON",
            description = "Per model: programs, encounters, diversion, arrest, force and follow-up rates with Wilson 95% intervals, "
                    + "median response minutes with an order-statistic 95% interval, rank and recommendation; by state and by "
                    + "agency type; by need (mental health, homelessness, substance use and their combinations); costs (cost per encounter "
                    + "and per diverted arrest) and funding recommendations (reallocation and additional funding) for the calendar year "
                    + "`year` (default: the current year, UTC); byLeadership tells police-attached programs (POLICE_ATTACHED) from community "
                    + "providers' programs without an ORI (COMMUNITY_LED), communityLedByNeed gives the latter's need cells. "
                    + "Optional filters: state, agencyType (COMMUNITY_PROVIDER: community providers' programs only).")
    @APIResponse(responseCode = "200", description = "The survey")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit survey, per token subject or, without a token, per address); Retry-After says when to retry")
    @APIResponse(responseCode = "400", description = "An invalid filter or year (invalid-input)")
    public SurveyReport json(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                             @QueryParam("agencyType") @Pattern(regexp = TYPES, message = TYPE_MESSAGE) String agencyType,
                        @QueryParam("year") @Parameter(description = YEAR, schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100"))
                        @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE) String year) {
        return survey.survey(state, agencyType, Years.orCurrent(year));
    }

    @GET
    @PermitAll
    @RateLimited(LIMIT)
    @Path("/survey.csv")
    @Produces(Csv.TEXT_CSV)
    @Operation(summary = "The survey as CSV", description = "One row per model (breakdown MODEL), per model within a state, an agency type or a leadership (LEADERSHIP), "
            + "per need cell (NEED) and per community-led need cell with encounters (COMMUNITY_LED_NEED); "
            + "the same filters and year as the JSON.")
    @APIResponse(responseCode = "200", description = "The survey")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit survey, per token subject or, without a token, per address); Retry-After says when to retry")
    @APIResponse(responseCode = "400", description = "An invalid filter or year (invalid-input)")
    public Response csv(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                        @QueryParam("agencyType") @Pattern(regexp = TYPES, message = TYPE_MESSAGE) String agencyType,
                        @QueryParam("year") @Parameter(description = YEAR, schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100"))
                        @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE) String year) {
        return Response.ok(SurveyDocuments.csv(survey.survey(state, agencyType, Years.orCurrent(year)))).type(Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"community-support-survey.csv\"").build();
    }

    @GET
    @PermitAll
    @RateLimited(LIMIT)
    @Path("/survey.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The survey as a readable page for HHS", description = "Ranked models, funding recommendations, the rules behind them and the method; "
            + "the same filters and year as the JSON.")
    @APIResponse(responseCode = "200", description = "The survey")
    @APIResponse(responseCode = "429", description = "Too many requests from this caller (limit survey, per token subject or, without a token, per address); Retry-After says when to retry")
    @APIResponse(responseCode = "400", description = "An invalid filter or year (invalid-input)")
    public Response html(@QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
                         @QueryParam("agencyType") @Pattern(regexp = TYPES, message = TYPE_MESSAGE) String agencyType,
                        @QueryParam("year") @Parameter(description = YEAR, schema = @Schema(type = SchemaType.INTEGER, minimum = "2000", maximum = "2100"))
                        @Pattern(regexp = Years.PATTERN, message = Years.MESSAGE) String year) {
        return Response.ok(SurveyDocuments.html(survey.survey(state, agencyType, Years.orCurrent(year)))).type("text/html; charset=UTF-8").build();
    }
}
