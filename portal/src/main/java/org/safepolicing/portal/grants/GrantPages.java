package org.safepolicing.portal.grants;

import static org.safepolicing.portal.web.FormValues.date;
import static org.safepolicing.portal.web.FormValues.whole;
import static org.safepolicing.portal.web.PathValues.uuid;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

import org.safepolicing.portal.web.Paged;
import org.safepolicing.portal.web.PortalProblem;
import org.safepolicing.portal.web.Services;
import org.safepolicing.portal.web.Services.Service;
import org.safepolicing.portal.web.Viewer;

/**
 * Grant officers' and DOJ's pages (grants-service, EO 13929 Sec. 5): the grant programs with what is appropriated and
 * awarded, the awards flagged because the agency is no longer eligible (with the failing rules), and one program's
 * applications with the eligibility each had when submitted and the award form. grants-service decides who may read
 * and award; the portal shows its answer or its refusal.
 */
@Path("/grants")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class GrantPages {

    @TemplateData
    public record Program(String id, String name, String area, int fiscalYear, BigDecimal appropriation,
                          BigDecimal awarded) {
    }

    @TemplateData
    public record Award(String id, String applicationId, String grantProgramId, String ori, BigDecimal amount,
                        Instant awardedAt, String awardedBy, boolean flagged, String flagReason, Instant flaggedAt) {
    }

    @TemplateData
    public record Application(String id, String grantProgramId, String ori, BigDecimal requestedAmount, String purpose,
                              String status, Instant submittedAt, List<Rule> eligibilityAtSubmission) {

        public boolean isOpen() {
            return "SUBMITTED".equals(status);
        }

        /** True when every rule passed when the agency applied. */
        public boolean isEligibleAtSubmission() {
            return eligibilityAtSubmission != null && eligibilityAtSubmission.stream().allMatch(r -> "PASS".equals(r.outcome()));
        }
    }

    @TemplateData
    public record Rule(String rule, String outcome, String reason) {
    }

    /** Every agency grants has heard of, decided under the program's terms now (the national table). */
    @TemplateData
    public record Report(java.time.Instant asOf, int eligibleAgencies, int ineligibleAgencies, Paged<ReportRow> agencies,
                         String filter) {
    }

    @TemplateData
    public record ReportRow(String ori, String name, String agencyType, boolean eligible, List<Failing> failingRules) {

        public List<Failing> failingRules() {
            return failingRules == null ? List.of() : failingRules;
        }
    }

    @TemplateData
    public record Failing(String rule, String reason) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance grants(Paged<Program> programs, Paged<Award> flagged, List<String> areas,
                                              List<String> agencyTypes);

        static native TemplateInstance program(Program program, Paged<Application> applications, String notice);

        static native TemplateInstance eligibility(Program program, Report report);
    }

    /** The areas Sec. 5 of the order directs grant programs to (grants-service's GrantArea). */
    static final List<String> AREAS = List.of("CREDENTIALING_ASSISTANCE", "REPORTING_ASSISTANCE",
            "CORESPONDER_COMMUNITY_SUPPORT", "USE_OF_FORCE_DEESCALATION_TRAINING", "RETENTION_RECRUITMENT",
            "OFFICER_MENTAL_HEALTH", "COMMUNITY_ENGAGEMENT");
    static final List<String> AGENCY_TYPES = List.of("STATE", "LOCAL_MUNICIPAL", "COUNTY_SHERIFF", "UNIVERSITY",
            "TRIBAL", "TERRITORIAL", "SPECIAL_JURISDICTION", "FEDERAL");
    /** The conditions every DOJ discretionary grant carries (Sec. 2(b), 3(d)); grants-service adds them when absent. */
    static final List<String> REQUIRED_RULES = List.of("SEC_2B_CREDENTIAL", "SEC_3D_REPORTING");
    /** The conditions a program may add. */
    static final List<String> ADDED_RULES = List.of("CORESPONDER_PROGRAM", "TRAINING_COVERAGE");

    private final Services services;
    private final Viewer viewer;

    GrantPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance grants() {
        Paged<Program> programs = Services.JSON.convertValue(services.get(Service.GRANTS, "/api/v1/grant-programs",
                Map.of("size", 100), viewer.token()), new TypeReference<>() {
                });
        Paged<Award> flagged = Services.JSON.convertValue(services.get(Service.GRANTS, "/api/v1/grant-awards",
                Map.of("flagged", "true", "size", 100), viewer.token()), new TypeReference<>() {
                });
        return Templates.grants(programs, flagged, AREAS, AGENCY_TYPES);
    }

    @GET
    @Path("/programs/{id}")
    public TemplateInstance program(@PathParam("id") String id, @QueryParam("notice") String notice) {
        String program = uuid(id, "A grant program");
        Program view = Services.JSON.convertValue(services.get(Service.GRANTS, "/api/v1/grant-programs/" + program,
                Map.of(), viewer.token()), Program.class);
        Paged<Application> applications = Services.JSON.convertValue(services.get(Service.GRANTS,
                "/api/v1/grant-programs/" + program + "/applications", Map.of("size", 100), viewer.token()),
                new TypeReference<>() {
                });
        return Templates.program(view, applications, "awarded".equals(notice)
                ? "Award made. If the agency stops being eligible, the award is flagged here and on the agency's card."
                : "created".equals(notice) ? "Program created. Agencies can apply while its window is open; grants-service"
                + " decides each agency's eligibility under its conditions." : null);
    }

    /** The program's eligibility table: counts, then the agencies (eligible ones, ineligible ones, or all) by ORI. */
    @GET
    @Path("/programs/{id}/eligibility")
    public TemplateInstance eligibility(@PathParam("id") String id, @QueryParam("eligible") String eligible,
                                        @QueryParam("page") String page) {
        String program = uuid(id, "A grant program");
        String filter = "true".equals(eligible) || "false".equals(eligible) ? eligible : "";
        Program view = Services.JSON.convertValue(services.get(Service.GRANTS, "/api/v1/grant-programs/" + program,
                Map.of(), viewer.token()), Program.class);
        Map<String, Object> query = new java.util.LinkedHashMap<>();
        query.put("eligible", filter);
        query.put("page", org.safepolicing.portal.publicpages.PublicPages.page(page));
        query.put("size", 100);
        var answer = services.get(Service.GRANTS, "/api/v1/grant-programs/" + program + "/eligibility-report", query,
                viewer.token());
        Paged<ReportRow> rows = Services.JSON.convertValue(answer.path("agencies"), new TypeReference<>() {
        });
        Report report = new Report(answer.hasNonNull("asOf") ? Instant.parse(answer.path("asOf").asText()) : null,
                answer.path("eligibleAgencies").asInt(), answer.path("ineligibleAgencies").asInt(), rows, filter);
        return Templates.eligibility(view, report);
    }

    /** A grant officer awards an application (grants-service refuses an ineligible agency or an amount over what remains). */
    @POST
    @Path("/programs/{programId}/applications/{id}/award")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response award(@PathParam("programId") String programId, @PathParam("id") String applicationId,
                          @FormParam("amount") String amount, @FormParam("csrf") String csrf,
                          @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String program = uuid(programId, "A grant program");
        String application = uuid(applicationId, "An application");
        BigDecimal value;
        try {
            value = new BigDecimal(amount == null ? "" : amount.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw PortalProblem.badRequest("The amount is dollars and cents, e.g. 200000.00 ('" + amount + "' is not).");
        }
        services.post(Service.GRANTS, "/api/v1/grant-applications/" + application + "/award", Map.of("amount", value),
                viewer.token(), formKey);
        return Response.seeOther(URI.create("/grants/programs/" + program + "?notice=awarded")).build();
    }

    /**
     * DOJ creates a grant program (Sec. 5): its name, area, fiscal year, appropriation, application window, the agency
     * types it funds, and the conditions it adds to the two every program carries. grants-service checks the terms and
     * refuses, naming each field, what it does not accept.
     */
    @POST
    @Path("/programs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@jakarta.ws.rs.BeanParam ProgramForm form) {
        viewer.requireCsrf(form.csrf);
        if (form.area == null || !AREAS.contains(form.area)) {
            throw PortalProblem.badRequest("Choose the program's area of Sec. 5.");
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("name", form.name == null || form.name.isBlank() ? null : form.name.strip());
        terms.put("area", form.area);
        terms.put("fiscalYear", whole("fiscal year", form.fiscalYear));
        terms.put("appropriation", decimal("appropriation", "dollars and cents, e.g. 5000000.00", form.appropriation));
        terms.put("applicationOpens", date("opening date", form.applicationOpens));
        terms.put("applicationCloses", date("closing date", form.applicationCloses));
        terms.put("allowedAgencyTypes", form.agencyTypes == null ? List.of()
                : form.agencyTypes.stream().filter(AGENCY_TYPES::contains).distinct().toList());
        List<String> rules = new ArrayList<>(REQUIRED_RULES);
        if (form.rules != null) {
            form.rules.stream().filter(ADDED_RULES::contains).distinct().forEach(rules::add);
        }
        terms.put("rules", rules);
        BigDecimal percent = decimal("minimum training coverage", "a percent such as 25", form.minimumTrainingPercent);
        if (percent != null) {
            terms.put("minimumTrainingCoverage", percent.movePointLeft(2));
        }
        var created = services.post(Service.GRANTS, "/api/v1/grant-programs", terms, viewer.token(), form.formKey);
        String id = uuid(created.path("id").asText(""), "The created program");
        return Response.seeOther(URI.create("/grants/programs/" + id + "?notice=created")).build();
    }

    private static BigDecimal decimal(String what, String example, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw PortalProblem.badRequest("The " + what + " is " + example + " ('" + value + "' is not).");
        }
    }

    /** The program form's fields. */
    public static class ProgramForm {
        @FormParam("csrf") String csrf;
        @FormParam("formKey") String formKey;
        @FormParam("name") String name;
        @FormParam("area") String area;
        @FormParam("fiscalYear") String fiscalYear;
        @FormParam("appropriation") String appropriation;
        @FormParam("applicationOpens") String applicationOpens;
        @FormParam("applicationCloses") String applicationCloses;
        @FormParam("agencyType") List<String> agencyTypes;
        @FormParam("rule") List<String> rules;
        @FormParam("minimumTrainingPercent") String minimumTrainingPercent;
    }
}
