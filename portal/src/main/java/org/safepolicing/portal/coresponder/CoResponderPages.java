package org.safepolicing.portal.coresponder;

import static org.safepolicing.portal.web.FormValues.whole;
import static org.safepolicing.portal.web.PathValues.ori;
import static org.safepolicing.portal.web.PathValues.uuid;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.safepolicing.portal.web.Paged;
import org.safepolicing.portal.web.PortalProblem;
import org.safepolicing.portal.web.Services;
import org.safepolicing.portal.web.Services.Service;
import org.safepolicing.portal.web.Viewer;

/**
 * An agency's co-responder programs and officer training (coresponder-service, EO 13929 Sec. 4): its programs with
 * their clinicians and status, registering a program, changing its status, uploading de-identified encounters (the
 * service's bulk endpoint, a JSON file, all or nothing) and recording officers' completed courses. coresponder-service
 * decides who may do what and checks every value; a refusal naming lines or fields is shown as a table of them.
 */
@Path("/agencies/{ori}/coresponder")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class CoResponderPages {

    /** The program models coresponder-service knows (Sec. 4(a)-(b)). */
    static final List<String> MODELS = List.of("CO_RESPONDER_RIDE_ALONG", "CO_RESPONDER_FOLLOW_UP", "MOBILE_CRISIS_TEAM",
            "COMMUNITY_RESPONDER", "CRISIS_INTERVENTION_TEAM", "TELEHEALTH");
    /** The statuses a program can be moved to; the service says which the current one allows (409 otherwise). */
    static final List<String> STATUSES = List.of("ACTIVE", "SUSPENDED", "ENDED");
    /** The most completions one request carries (coresponder-service's limit). */
    static final int MAX_COMPLETIONS = 10_000;
    private static final Pattern COMPLETION_INDEX = Pattern.compile("^completions\\[(\\d+)]\\.?(.*)$");

    @TemplateData
    public record Clinician(String type, Integer weeklyHours) {
    }

    @TemplateData
    public record Program(String id, String partnerOrganization, String model, String status, List<Clinician> clinicians,
                          Integer coverageHoursPerWeek, String coverageArea, Instant createdAt) {

        public List<Clinician> clinicians() {
            return clinicians == null ? List.of() : clinicians;
        }

        /** Encounters are taken once a program has started. */
        public boolean isStarted() {
            return !"PLANNED".equals(status);
        }
    }

    @TemplateData
    public record Course(String code, String title, Integer hours) {
    }

    @TemplateData
    public record Coverage(Integer trainedOfficers, Integer swornOfficers, Double coverage) {

        /** The share trained, as a whole percent. */
        public long percent() {
            return coverage == null ? 0 : Math.round(coverage * 100);
        }
    }

    @TemplateData
    public record ByCourse(String courseCode, Integer officers) {
    }

    @TemplateData
    public record TrainingCoverage(Coverage coverage, List<ByCourse> byCourse) {

        public List<ByCourse> byCourse() {
            return byCourse == null ? List.of() : byCourse;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance programs(String ori, Paged<Program> programs, TrainingCoverage training,
                                                List<Course> courses, List<String> models, List<String> statuses,
                                                String notice);
    }

    private final Services services;
    private final Viewer viewer;

    CoResponderPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance programs(@PathParam("ori") String ori, @QueryParam("notice") String notice,
                                     @QueryParam("count") Integer count, @QueryParam("more") Integer more) {
        String agency = ori(ori);
        Paged<Program> programs = Services.JSON.convertValue(services.get(Service.CORESPONDER,
                "/api/v1/agencies/" + agency + "/programs", Map.of("size", 100), viewer.token()), new TypeReference<>() {
                });
        TrainingCoverage training = Services.JSON.convertValue(services.get(Service.CORESPONDER,
                "/api/v1/agencies/" + agency + "/training/coverage", Map.of(), viewer.token()), TrainingCoverage.class);
        List<Course> courses = Services.JSON.convertValue(services.get(Service.CORESPONDER, "/api/v1/training/courses",
                Map.of(), viewer.token()), new TypeReference<>() {
                });
        return Templates.programs(agency, programs, training, courses == null ? List.of() : courses, MODELS, STATUSES,
                notice(notice, count, more));
    }

    private static String notice(String notice, Integer count, Integer more) {
        if (notice == null) {
            return null;
        }
        int n = count == null ? 0 : Math.max(count, 0);
        return switch (notice) {
            case "registered" -> "Program registered. It is PLANNED until you start it; grant eligibility hears of it"
                    + " within seconds.";
            case "status" -> "Program status changed.";
            case "encounters" -> n + " encounter(s) stored. They count in HHS's survey (Sec. 4(c)).";
            case "completions" -> n + " completion(s) recorded" + (more == null || more == 0 ? "" : ", " + more
                    + " already on record") + ".";
            default -> null;
        };
    }

    /**
     * The agency registers a program (Sec. 4(a)): its partner organization, model, clinician positions (no names),
     * coverage hours and area. It starts PLANNED.
     */
    @POST
    @Path("/programs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@PathParam("ori") String ori, @jakarta.ws.rs.BeanParam ProgramForm form) {
        viewer.requireCsrf(form.csrf);
        String agency = ori(ori);
        if (form.model == null || !MODELS.contains(form.model)) {
            throw PortalProblem.badRequest("Choose the program's model.");
        }
        int socialWorkers = count("social worker positions", form.socialWorkers);
        int mentalHealth = count("mental health professional positions", form.mentalHealthProfessionals);
        Integer weeklyHours = whole("weekly hours of each position", form.clinicianWeeklyHours);
        List<Map<String, Object>> clinicians = new ArrayList<>();
        for (int i = 0; i < socialWorkers + mentalHealth; i++) {
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("type", i < socialWorkers ? "SOCIAL_WORKER" : "MENTAL_HEALTH_PROFESSIONAL");
            position.put("weeklyHours", weeklyHours);
            clinicians.add(position);
        }
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("partnerOrganization", blankToNull(form.partnerOrganization));
        program.put("model", form.model);
        program.put("clinicians", clinicians);
        program.put("coverageHoursPerWeek", whole("coverage hours per week", form.coverageHoursPerWeek));
        program.put("coverageArea", blankToNull(form.coverageArea));
        services.post(Service.CORESPONDER, "/api/v1/agencies/" + agency + "/programs", program, viewer.token(),
                form.formKey);
        return seeOther(agency, "notice=registered");
    }

    /** The agency starts, suspends, resumes or ends a program; the service refuses a change its status does not allow. */
    @POST
    @Path("/programs/{programId}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeStatus(@PathParam("ori") String ori, @PathParam("programId") String programId,
                                 @FormParam("status") String status, @FormParam("reason") String reason,
                                 @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        String program = uuid(programId, "A program");
        if (status == null || !STATUSES.contains(status)) {
            throw PortalProblem.badRequest("Choose the program's new status: ACTIVE, SUSPENDED or ENDED.");
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("status", status);
        change.put("reason", blankToNull(reason));
        services.post(Service.CORESPONDER, "/api/v1/agencies/" + agency + "/programs/" + program + "/status", change,
                viewer.token(), formKey);
        return seeOther(agency, "notice=status");
    }

    /**
     * The agency uploads a program's de-identified encounters: a JSON file {@code {"encounters": [...]}}, sent as it is
     * to the service's bulk endpoint with this form's Idempotency-Key (a form sent twice stores once). The service
     * stores all or nothing and names every wrong line.
     */
    @POST
    @Path("/encounters")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadEncounters(@PathParam("ori") String ori, @RestForm("programId") String programId,
                                     @RestForm("file") FileUpload file, @RestForm("csrf") String csrf,
                                     @RestForm("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        String program = uuid(programId, "A program");
        if (file == null || file.size() == 0) {
            throw PortalProblem.badRequest("Choose the file of encounters to upload (JSON, {\"encounters\": [...]}).");
        }
        byte[] document;
        try {
            document = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new PortalProblem(400, "Bad request", "The uploaded file could not be read; try again.", null);
        }
        var answer = services.postDocument(Service.CORESPONDER, "/api/v1/agencies/" + agency + "/programs/" + program
                + "/encounters/bulk", document, MediaType.APPLICATION_JSON, viewer.token(), formKey);
        return seeOther(agency, "notice=encounters&count=" + answer.path("accepted").asInt());
    }

    /**
     * The agency records officers' completed courses (Sec. 4(b)): one a line, {@code officer reference, course code,
     * completion date}. Officers are the agency's pseudonymous references, never names. All or nothing.
     */
    @POST
    @Path("/training")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordCompletions(@PathParam("ori") String ori, @FormParam("completions") String lines,
                                      @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        Completions batch = completions(lines);
        com.fasterxml.jackson.databind.JsonNode answer;
        try {
            answer = services.post(Service.CORESPONDER, "/api/v1/agencies/" + agency + "/training/completions",
                    Map.of("completions", batch.items()), viewer.token(), formKey);
        } catch (PortalProblem refused) {
            throw batch.byLine(refused);
        }
        return seeOther(agency, "notice=completions&count=" + answer.path("recorded").asInt() + "&more="
                + answer.path("alreadyRecorded").asInt());
    }

    /** The completions read from the form, and the line each came from (item i is line {@code lines.get(i)}). */
    record Completions(List<Map<String, Object>> items, List<Integer> lines) {

        /** The service's {@code completions[i].field} errors named by the line they came from. */
        PortalProblem byLine(PortalProblem refused) {
            if (refused.errors().isEmpty()) {
                return refused;
            }
            List<PortalProblem.FieldError> named = refused.errors().stream().map(error -> {
                Matcher m = COMPLETION_INDEX.matcher(error.field() == null ? "" : error.field());
                if (!m.matches()) {
                    return error;
                }
                int index = Integer.parseInt(m.group(1));
                String line = index < lines.size() ? "line " + lines.get(index) : "item " + (index + 1);
                return new PortalProblem.FieldError(m.group(2).isEmpty() ? line : line + ": " + m.group(2),
                        error.message());
            }).toList();
            return new PortalProblem(refused.status(), refused.title(), refused.detail(), refused.service(), named,
                    refused.errorCount());
        }
    }

    /**
     * The lines of the completions field (officer reference, course code, date; separated by commas, semicolons or
     * tabs), blank lines skipped; a line without its three values is named, and nothing is sent.
     */
    static Completions completions(String text) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<PortalProblem.FieldError> errors = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split("\\s*[,;\\t]\\s*", -1);
            if (values.length != 3) {
                errors.add(new PortalProblem.FieldError("line " + (i + 1), "needs three values: officer reference,"
                        + " course code, completion date (it has " + values.length + ")"));
                continue;
            }
            Map<String, Object> completion = new LinkedHashMap<>();
            completion.put("officerRef", values[0]);
            completion.put("courseCode", values[1]);
            completion.put("completedOn", values[2]);
            items.add(completion);
            numbers.add(i + 1);
        }
        if (!errors.isEmpty()) {
            throw new PortalProblem(400, "Bad request", "Some lines could not be read; nothing was recorded.", null,
                    errors, errors.size());
        }
        if (items.isEmpty()) {
            throw PortalProblem.badRequest("Enter at least one completion: officer reference, course code, date.");
        }
        if (items.size() > MAX_COMPLETIONS) {
            throw PortalProblem.badRequest("At most " + MAX_COMPLETIONS + " completions at a time (" + items.size()
                    + " given).");
        }
        return new Completions(items, numbers);
    }

    private static Response seeOther(String agency, String query) {
        return Response.seeOther(URI.create("/agencies/" + agency + "/coresponder?" + query)).build();
    }

    private static int count(String what, String value) {
        Integer n = value == null || value.isBlank() ? Integer.valueOf(0) : whole(what, value);
        if (n < 0 || n > 500) {
            throw PortalProblem.badRequest("The number of " + what + " is from 0 to 500.");
        }
        return n;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The program form's fields. */
    public static class ProgramForm {
        @FormParam("csrf") String csrf;
        @FormParam("formKey") String formKey;
        @FormParam("partnerOrganization") String partnerOrganization;
        @FormParam("model") String model;
        @FormParam("socialWorkers") String socialWorkers;
        @FormParam("mentalHealthProfessionals") String mentalHealthProfessionals;
        @FormParam("clinicianWeeklyHours") String clinicianWeeklyHours;
        @FormParam("coverageHoursPerWeek") String coverageHoursPerWeek;
        @FormParam("coverageArea") String coverageArea;
    }
}
