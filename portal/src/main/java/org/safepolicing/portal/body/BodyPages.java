package org.safepolicing.portal.body;

import static org.safepolicing.portal.web.PathValues.ori;
import static org.safepolicing.portal.web.PathValues.uuid;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * Credentialing (credentialing-service, EO 13929 Sec. 2): a certified body's assessor sees the agencies that sought
 * its credential, records each standard on the worksheet and decides; DOJ sees the bodies by status and certifies,
 * suspends, reinstates, refuses or revokes them. credentialing-service decides who may do what; the portal asks with
 * the user's token.
 */
@Path("/credentialing")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class BodyPages {

    private static final Set<String> FINDINGS = Set.of("MET", "NOT_MET", "NOT_APPLICABLE", "NOT_ASSESSED");
    private static final Set<String> BODY_ACTIONS = Set.of("certification", "suspension", "reinstatement", "refusal",
            "revocation");

    private static final List<String> CREDENTIAL_STATUSES = List.of("SOUGHT", "CREDENTIALED", "DENIED", "WITHDRAWN",
            "REVOKED", "EXPIRED");
    private static final List<String> BODY_STATUSES = List.of("APPLIED", "CERTIFIED", "SUSPENDED", "REVOKED", "EXPIRED",
            "REFUSED");

    @TemplateData
    public record Credential(String id, String ori, String bodyId, String status, String standardsVersion,
                             LocalDate validUntil, String reason, Instant soughtAt, List<String> unmetStandards) {
    }

    /** The worksheet: findings recorded so far, and the standards still without one (mandatory first). */
    @TemplateData
    public record Sheet(String credentialId, String standardsVersion, String status, List<Line> assessments,
                        List<String> notYetAssessed, List<String> topicsNotAssessed) {

        public boolean isOpen() {
            return "SOUGHT".equals(status);
        }

        public List<String> notYetAssessed() {
            return notYetAssessed == null ? List.of() : notYetAssessed;
        }

        /** Every standard of the credential's version: those without a finding first, then those with one. */
        public List<Line> rows() {
            List<Line> rows = new ArrayList<>();
            notYetAssessed().forEach(code -> rows.add(new Line(code, null, true, null, null, null, null)));
            if (topicsNotAssessed != null) {
                topicsNotAssessed.forEach(code -> rows.add(new Line(code, null, false, null, null, null, null)));
            }
            if (assessments != null) {
                rows.addAll(assessments);
            }
            return rows;
        }
    }

    @TemplateData
    public record Line(String standard, String kind, boolean required, String outcome, String notes, String assessedBy,
                       Instant assessedAt) {
    }

    @TemplateData
    public record Body(String id, String name, List<String> coveredStandards, String status, String statusReason,
                       LocalDate termStart, LocalDate termEnd, List<String> applicationMissing) {

        public boolean is(String s) {
            return s.equals(status);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance credentials(String bodyId, String status, List<String> statuses,
                                                   Paged<Credential> credentials);

        static native TemplateInstance worksheet(String ori, Credential credential, Sheet sheet, String notice);

        static native TemplateInstance bodies(String status, List<String> statuses, Paged<Body> bodies, String notice);
    }

    private final Services services;
    private final Viewer viewer;

    BodyPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    /** The assessor's queue: credentials sought from the assessor's body (by status, SOUGHT first). */
    @GET
    @Path("/credentials")
    public TemplateInstance credentials(@QueryParam("status") String status) {
        String body = viewer.getBodyId();
        if (body == null) {
            throw PortalProblem.forbidden("Your sign-in names no credentialing body (only a body's assessors have a queue).");
        }
        String st = status == null || status.isBlank() ? "SOUGHT" : status.strip().toUpperCase(Locale.ROOT);
        Paged<Credential> page = Services.JSON.convertValue(services.get(Service.CREDENTIALING,
                "/api/v1/bodies/" + uuid(body, "A body") + "/credentials", Map.of("status", st, "size", 100),
                viewer.token()), new TypeReference<>() {
                });
        return Templates.credentials(body, st, CREDENTIAL_STATUSES, page);
    }

    /** One credential's worksheet: every standard with its finding, and the decision once the mandatory ones have one. */
    @GET
    @Path("/agencies/{ori}/credentials/{id}")
    public TemplateInstance worksheet(@PathParam("ori") String ori, @PathParam("id") String id,
                                      @QueryParam("notice") String notice) {
        String agency = ori(ori);
        String credentialId = uuid(id, "A credential");
        String base = "/api/v1/agencies/" + agency + "/credentials/" + credentialId;
        Credential credential = Services.JSON.convertValue(services.get(Service.CREDENTIALING, base, Map.of(),
                viewer.token()), Credential.class);
        Sheet sheet = Services.JSON.convertValue(services.get(Service.CREDENTIALING, base + "/assessments", Map.of(),
                viewer.token()), Sheet.class);
        return Templates.worksheet(agency, credential, sheet, notice == null ? null : NOTICES.get(notice));
    }

    @POST
    @Path("/agencies/{ori}/credentials/{id}/assessments/{standard}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assess(@PathParam("ori") String ori, @PathParam("id") String id, @PathParam("standard") String standard,
                           @FormParam("outcome") String outcome, @FormParam("notes") String notes,
                           @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        String credentialId = uuid(id, "A credential");
        if (outcome == null || !FINDINGS.contains(outcome)) {
            throw PortalProblem.badRequest("Choose the finding: met, not met, not applicable or not assessed.");
        }
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("outcome", outcome);
        if (notes != null && !notes.isBlank()) {
            finding.put("notes", notes.strip());
        }
        services.put(Service.CREDENTIALING, "/api/v1/agencies/" + agency + "/credentials/" + credentialId
                + "/assessments/" + Services.segment(standard), finding, viewer.token(), formKey);
        return see("/credentialing/agencies/" + agency + "/credentials/" + credentialId + "?notice=assessed");
    }

    @POST
    @Path("/agencies/{ori}/credentials/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("ori") String ori, @PathParam("id") String id, @FormParam("outcome") String outcome,
                           @FormParam("reason") String reason, @FormParam("csrf") String csrf,
                           @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        String credentialId = uuid(id, "A credential");
        if (!"CREDENTIALED".equals(outcome) && !"DENIED".equals(outcome)) {
            throw PortalProblem.badRequest("Choose the decision: credentialed or denied.");
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("outcome", outcome);
        if (reason != null && !reason.isBlank()) {
            decision.put("reason", reason.strip());
        }
        services.post(Service.CREDENTIALING, "/api/v1/agencies/" + agency + "/credentials/" + credentialId + "/decision",
                decision, viewer.token(), formKey);
        return see("/credentialing/agencies/" + agency + "/credentials/" + credentialId + "?notice=decided");
    }

    /** DOJ's list of credentialing bodies by status (APPLIED first), each with what DOJ may do next. */
    @GET
    @Path("/bodies")
    public TemplateInstance bodies(@QueryParam("status") String status, @QueryParam("notice") String notice) {
        String st = status == null || status.isBlank() ? "APPLIED" : status.strip().toUpperCase(Locale.ROOT);
        Paged<Body> page = Services.JSON.convertValue(services.get(Service.CREDENTIALING, "/api/v1/bodies",
                Map.of("status", st, "size", 100), viewer.token()), new TypeReference<>() {
                });
        return Templates.bodies(st, BODY_STATUSES, page, notice == null ? null : NOTICES.get(notice));
    }

    /** DOJ certifies (term in months), suspends, reinstates, refuses or revokes a body (a reason where one is asked). */
    @POST
    @Path("/bodies/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response bodyAction(@PathParam("id") String id, @PathParam("action") String action,
                               @FormParam("termMonths") String termMonths, @FormParam("reason") String reason,
                               @FormParam("status") String backTo, @FormParam("csrf") String csrf,
                               @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String body = uuid(id, "A body");
        if (!BODY_ACTIONS.contains(action)) {
            throw new PortalProblem(404, "Not found", "There is no page at this address.", null);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        if ("certification".equals(action)) {
            try {
                request.put("termMonths", Integer.parseInt(termMonths == null ? "" : termMonths.strip()));
            } catch (NumberFormatException e) {
                throw PortalProblem.badRequest("The term is a whole number of months ('" + termMonths + "' is not).");
            }
        } else if (!"reinstatement".equals(action)) {
            request.put("reason", reason == null ? "" : reason.strip());
        }
        services.post(Service.CREDENTIALING, "/api/v1/bodies/" + body + "/" + action, request, viewer.token(), formKey);
        String status = backTo == null || !backTo.matches("[A-Z_]{1,20}") ? "APPLIED" : backTo;
        return see("/credentialing/bodies?status=" + status + "&notice=" + action);
    }

    private static final Map<String, String> NOTICES = Map.of(
            "assessed", "Finding recorded.",
            "decided", "Decision recorded. The agency's grant eligibility follows within seconds.",
            "certification", "Body certified: agencies may now seek its credential.",
            "suspension", "Body suspended: agencies that relied on it no longer meet Sec. 2(b) through it.",
            "reinstatement", "Body reinstated.",
            "refusal", "Application refused.",
            "revocation", "Certification revoked.");

    private static Response see(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
