package org.safepolicing.portal.agency;

import static org.safepolicing.portal.web.FormValues.date;
import static org.safepolicing.portal.web.PathValues.ori;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * An agency's dealings with the national database (records-service, EO 13929 Sec. 3): its reporting standing per
 * period with the zero report (Sec. 3(d)), its feed of notices (corrections of records disclosed to it, new records of
 * officers it enrolled), and the hiring check (Sec. 3(a): a purpose is required, every disclosure is accounted to the
 * officer). records-service decides who may do what; the portal asks with the user's token.
 */
@Path("/agencies/{ori}/records")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AgencyRecordsPages {

    private static final List<String> PURPOSES = List.of("HIRING", "PROMOTION", "ASSIGNMENT", "INVESTIGATION");
    /** The categories of Sec. 3(b) records, and the qualifier each needs (none for terminations and de-certifications). */
    private static final List<String> CATEGORIES = List.of("TERMINATION", "DECERTIFICATION", "CRIMINAL_CONVICTION",
            "CIVIL_JUDGMENT", "RESIGNED_UNDER_INVESTIGATION", "RETIRED_UNDER_INVESTIGATION");
    private static final Map<String, String> QUALIFIERS = Map.of("CRIMINAL_CONVICTION", "onDutyConduct",
            "CIVIL_JUDGMENT", "improperUseOfForce", "RESIGNED_UNDER_INVESTIGATION", "useOfForceInvestigation",
            "RETIRED_UNDER_INVESTIGATION", "useOfForceInvestigation");
    private static final List<String> APPEALS = List.of("EXHAUSTED", "WAIVED", "PENDING", "NONE");

    @TemplateData
    public record Period(String period, LocalDate periodEnd, LocalDate dueDate, String status, Boolean zeroReport,
                         Integer recordCount, Instant reportedAt) {

        /** A period not reported yet, which the agency may certify as having no records. */
        public boolean isOpenToReport() {
            return reportedAt == null && !"SUBMITTED".equals(status);
        }
    }

    @TemplateData
    public record Notification(String id, String kind, String recordId, String officerId, String message,
                               Instant createdAt) {
    }

    @TemplateData
    public record Match(String officerId, String firstName, String middleName, String lastName, LocalDate dateOfBirth,
                       String state, String certificationNumber, BigDecimal matchScore, List<Disclosed> records) {
    }

    @TemplateData
    public record Disclosed(String recordId, String category, String submittingOri, LocalDate incidentDate,
                            String summary, String status, String officerStatement) {
    }

    @TemplateData
    public record Check(String checkId, String purpose, Instant performedAt, List<Match> matches) {

        public List<Match> matches() {
            return matches == null ? List.of() : matches;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance records(String ori, boolean current, List<Period> periods,
                                               List<Notification> notices, List<String> purposes,
                                               List<String> categories, List<String> appeals, String notice);

        static native TemplateInstance check(String ori, Check check);

        static native TemplateInstance bulk(String ori, Bulk bulk, List<BulkRow> rows, boolean csv);
    }

    /** What records-service stored from an uploaded file: one record id per line of the file, in its order. */
    @TemplateData
    public record Bulk(String submissionId, String clientKey, boolean replayed, List<String> recordIds) {

        public List<String> recordIds() {
            return recordIds == null ? List.of() : recordIds;
        }
    }

    /** One stored record of an upload: the line of the CSV file (or the place in the JSON file) and the record's id. */
    @TemplateData
    public record BulkRow(int line, String recordId) {
    }

    private final Services services;
    private final Viewer viewer;

    AgencyRecordsPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance records(@PathParam("ori") String ori, @QueryParam("notice") String notice) {
        String agency = ori(ori);
        var standing = services.get(Service.RECORDS, "/api/v1/agencies/" + agency + "/reporting", Map.of(), viewer.token());
        List<Period> periods = Services.JSON.convertValue(standing.path("periods"), new TypeReference<>() {
        });
        Paged<Notification> feed = Services.JSON.convertValue(services.get(Service.RECORDS,
                "/api/v1/agencies/" + agency + "/notifications", Map.of("size", 50), viewer.token()),
                new TypeReference<>() {
                });
        return Templates.records(agency, standing.path("current").asBoolean(), periods == null ? List.of() : periods,
                feed.items(), PURPOSES, CATEGORIES, APPEALS, notice == null ? null : NOTICES.get(notice));
    }

    private static final Map<String, String> NOTICES = Map.of(
            "reported", "Zero report filed. Grant eligibility follows within seconds (Sec. 3(d)).",
            "ACTIVE", "Record submitted: its fair process is final, so it is ACTIVE and disclosed to checks.",
            "PENDING_FAIR_PROCESS", "Record submitted: it waits for its fair process to be final before anyone sees it"
                    + " (Sec. 3(b)).",
            "SUBMITTED", "Record submitted.");

    /**
     * The agency submits one record about an officer (Sec. 3(a)-(b)): who (certifying state and number, name, date of
     * birth), the category with the qualifier the order asks of it, the incident, and the fair-process facts that decide
     * whether it may be shown yet. records-service checks all of it and says which field is wrong.
     */
    @POST
    @Path("/submission")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("ori") String ori, @jakarta.ws.rs.BeanParam RecordForm form) {
        viewer.requireCsrf(form.csrf);
        String agency = ori(ori);
        if (form.category == null || !CATEGORIES.contains(form.category)) {
            throw PortalProblem.badRequest("Choose the record's category.");
        }
        Map<String, Object> officer = new LinkedHashMap<>();
        put(officer, "state", form.officerState == null ? null : form.officerState.strip().toUpperCase(Locale.ROOT));
        put(officer, "certificationNumber", form.certificationNumber);
        put(officer, "firstName", form.firstName);
        put(officer, "lastName", form.lastName);
        put(officer, "dateOfBirth", date("date of birth", form.dateOfBirth));
        Map<String, Object> process = new LinkedHashMap<>();
        put(process, "noticeDate", date("notice date", form.noticeDate));
        put(process, "responseDate", date("response date", form.responseDate));
        process.put("hearingHeld", "on".equals(form.hearingHeld));
        put(process, "finalAdjudicationDate", date("final adjudication date", form.finalAdjudicationDate));
        put(process, "adjudication", form.adjudication);
        if (form.appealStatus != null && APPEALS.contains(form.appealStatus)) {
            process.put("appealStatus", form.appealStatus);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("officer", officer);
        record.put("category", form.category);
        put(record, "incidentDate", date("incident date", form.incidentDate));
        put(record, "summary", form.summary);
        record.put("fairProcess", process);
        String qualifier = QUALIFIERS.get(form.category);
        if (qualifier != null) {
            record.put(qualifier, "on".equals(form.qualifier));
        }
        var answer = services.post(Service.RECORDS, "/api/v1/agencies/" + agency + "/records", record, viewer.token(),
                form.formKey);
        String status = answer.path("status").asText("SUBMITTED");
        return Response.seeOther(URI.create("/agencies/" + agency + "/records?notice="
                + (NOTICES.containsKey(status) ? status : "SUBMITTED"))).build();
    }

    /**
     * The agency uploads records in bulk (Sec. 3(a)): a JSON file, {@code {"records": [...]}} or an array, each record
     * as the record form sends it; or a CSV file whose header row names the same fields ({@link RecordsCsv}), each line
     * after it one record. Either goes to records-service's bulk endpoint as JSON, all or nothing, with this form's key
     * as both Idempotency-Key and clientKey (unless a JSON file names its own), so a form sent twice stores once. The
     * answer is shown once: each record with the record it became (for a CSV file, by its line); a refusal lists each
     * line's errors, the portal's own for CSV lines it cannot read (nothing is sent then) and the service's by line.
     */
    @POST
    @Path("/bulk")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance bulk(@PathParam("ori") String ori, @org.jboss.resteasy.reactive.RestForm("file")
                                 org.jboss.resteasy.reactive.multipart.FileUpload file,
                                 @org.jboss.resteasy.reactive.RestForm("csrf") String csrf,
                                 @org.jboss.resteasy.reactive.RestForm("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        if (file == null || file.size() == 0) {
            throw PortalProblem.badRequest("Choose the file of records to upload (JSON or CSV).");
        }
        byte[] content;
        try {
            content = java.nio.file.Files.readAllBytes(file.uploadedFile());
        } catch (java.io.IOException e) {
            throw PortalProblem.badRequest("The uploaded file could not be read. Upload it again.");
        }
        com.fasterxml.jackson.databind.node.ObjectNode submission = Services.JSON.createObjectNode();
        List<Integer> csvLines = null;
        if (isCsv(file, content)) {
            RecordsCsv.Read read = RecordsCsv.read(content);
            submission.set("records", read.records());
            csvLines = read.lines();
        } else {
            com.fasterxml.jackson.databind.JsonNode document;
            try {
                document = Services.JSON.readTree(content);
            } catch (java.io.IOException e) {
                throw PortalProblem.badRequest("The file is not JSON. It holds {\"records\": [...]} or an array of"
                        + " records, or it is a CSV file (.csv) whose first line names the columns.");
            }
            if (document != null && document.isArray()) {
                submission.set("records", document);
            } else if (document != null && document.isObject() && document.path("records").isArray()) {
                submission.setAll((com.fasterxml.jackson.databind.node.ObjectNode) document);
            } else {
                throw PortalProblem.badRequest("The file holds {\"records\": [...]} or an array of records.");
            }
        }
        if (!submission.hasNonNull("clientKey") && formKey != null && !formKey.isBlank()) {
            submission.put("clientKey", formKey);
        }
        com.fasterxml.jackson.databind.JsonNode answer;
        try {
            answer = services.post(Service.RECORDS, "/api/v1/agencies/" + agency + "/records/bulk", submission,
                    viewer.token(), formKey);
        } catch (PortalProblem refused) {
            throw csvLines == null ? refused : byLine(refused, csvLines);
        }
        Bulk stored = Services.JSON.convertValue(answer, Bulk.class);
        List<BulkRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < stored.recordIds().size(); i++) {
            rows.add(new BulkRow(csvLines == null || i >= csvLines.size() ? i + 1 : csvLines.get(i),
                    stored.recordIds().get(i)));
        }
        return Templates.bulk(agency, stored, rows, csvLines != null);
    }

    /** A CSV file by its name or type; a file named as neither is CSV unless it starts as JSON does. */
    private static boolean isCsv(org.jboss.resteasy.reactive.multipart.FileUpload file, byte[] content) {
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || type.startsWith("text/csv")) {
            return true;
        }
        if (name.endsWith(".json") || type.startsWith("application/json")) {
            return false;
        }
        for (byte b : content) {
            if (b == '{' || b == '[') {
                return false;
            }
            if (!Character.isWhitespace(b) && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
                return true;
            }
        }
        return false;
    }

    /** records-service's refusal of a CSV file's records, each error named by the line of the file. */
    private static PortalProblem byLine(PortalProblem refused, List<Integer> lines) {
        if (refused.errors().isEmpty()) {
            return refused;
        }
        List<PortalProblem.FieldError> errors = refused.errors().stream()
                .map(e -> new PortalProblem.FieldError(RecordsCsv.lineOf(e.field(), lines), e.message())).toList();
        return new PortalProblem(refused.status(), refused.title(), refused.detail(), refused.service(), errors,
                refused.errorCount());
    }

    /** The agency certifies it had no records in a period (a zero report). */
    @POST
    @Path("/zero-report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response zeroReport(@PathParam("ori") String ori, @FormParam("period") String period,
                               @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        if (period == null || !period.strip().matches("\\d{4}-Q[1-4]|\\d{4}")) {
            throw PortalProblem.badRequest("A period is a quarter such as 2026-Q3 ('" + period + "' is not).");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("period", period.strip());
        report.put("zeroReport", true);
        services.post(Service.RECORDS, "/api/v1/agencies/" + agency + "/reports", report, viewer.token(), formKey);
        return Response.seeOther(URI.create("/agencies/" + agency + "/records?notice=reported")).build();
    }

    /**
     * A check of an officer before hiring, promotion, assignment or an investigation: by certification number and
     * state, or by name and date of birth. The answer is shown once (it is not kept by the portal); records-service
     * accounts each disclosure to the officer.
     */
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance check(@PathParam("ori") String ori, @FormParam("purpose") String purpose,
                                  @FormParam("firstName") String firstName, @FormParam("lastName") String lastName,
                                  @FormParam("dateOfBirth") String dateOfBirth, @FormParam("state") String state,
                                  @FormParam("certificationNumber") String certificationNumber,
                                  @FormParam("csrf") String csrf) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        if (purpose == null || !PURPOSES.contains(purpose)) {
            throw PortalProblem.badRequest("Say why you check: hiring, promotion, assignment or investigation.");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("purpose", purpose);
        put(request, "firstName", firstName);
        put(request, "lastName", lastName);
        put(request, "dateOfBirth", date("date of birth", dateOfBirth));
        put(request, "state", state == null ? null : state.strip().toUpperCase(Locale.ROOT));
        put(request, "certificationNumber", certificationNumber);
        Check check = Services.JSON.convertValue(services.post(Service.RECORDS, "/api/v1/agencies/" + agency + "/checks",
                request, viewer.token(), null), Check.class);
        return Templates.check(agency, check);
    }

    private static void put(Map<String, Object> request, String name, String value) {
        if (value != null && !value.isBlank()) {
            request.put(name, value.strip());
        }
    }

    /** The record form's fields. */
    public static class RecordForm {
        @FormParam("csrf") String csrf;
        @FormParam("formKey") String formKey;
        @FormParam("officerState") String officerState;
        @FormParam("certificationNumber") String certificationNumber;
        @FormParam("firstName") String firstName;
        @FormParam("lastName") String lastName;
        @FormParam("dateOfBirth") String dateOfBirth;
        @FormParam("category") String category;
        @FormParam("qualifier") String qualifier;
        @FormParam("incidentDate") String incidentDate;
        @FormParam("summary") String summary;
        @FormParam("noticeDate") String noticeDate;
        @FormParam("responseDate") String responseDate;
        @FormParam("hearingHeld") String hearingHeld;
        @FormParam("finalAdjudicationDate") String finalAdjudicationDate;
        @FormParam("adjudication") String adjudication;
        @FormParam("appealStatus") String appealStatus;
    }
}
