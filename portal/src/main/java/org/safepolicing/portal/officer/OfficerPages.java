package org.safepolicing.portal.officer;

import static org.safepolicing.portal.web.PathValues.uuid;

import java.net.URI;
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
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

import org.safepolicing.portal.officer.OfficerViews.Disclosure;
import org.safepolicing.portal.officer.OfficerViews.Dispute;
import org.safepolicing.portal.officer.OfficerViews.Notice;
import org.safepolicing.portal.officer.OfficerViews.OwnRecord;
import org.safepolicing.portal.web.Paged;
import org.safepolicing.portal.web.PortalProblem;
import org.safepolicing.portal.web.Services;
import org.safepolicing.portal.web.Services.Service;
import org.safepolicing.portal.web.Viewer;

/**
 * An officer's own page (records-service): every record about them with its history, every disclosure of them (who,
 * when, for what purpose), their disputes and notices, and the form to dispute an ACTIVE record. DOJ may read it too;
 * records-service decides, the portal asks with the user's token. And DOJ's list of open disputes to decide.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class OfficerPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance officer(String officerId, boolean own, List<OwnRecord> records,
                                               List<Dispute> disputes, List<Disclosure> disclosures,
                                               List<Notice> notices, String notice);

        static native TemplateInstance disputes(Paged<Dispute> disputes, String notice);
    }

    private static final Map<String, String> NOTICES = Map.of(
            "disputed", "Dispute filed. records-service acknowledges it and DOJ decides it; its status is below.",
            "decided", "Decision recorded. The officer and the agencies that received the record are told.");

    private final Services services;
    private final Viewer viewer;

    OfficerPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    @GET
    @Path("officers/{officerId}")
    public TemplateInstance officer(@PathParam("officerId") String officerId, @QueryParam("notice") String notice) {
        String id = uuid(officerId, "An officer");
        String base = "/api/v1/officers/" + id;
        List<OwnRecord> records = Services.JSON.convertValue(
                services.get(Service.RECORDS, base + "/records", Map.of(), viewer.token()), new TypeReference<>() {
                });
        List<Dispute> disputes = Services.JSON.convertValue(
                services.get(Service.RECORDS, base + "/disputes", Map.of(), viewer.token()), new TypeReference<>() {
                });
        List<Disclosure> disclosures = Services.JSON.convertValue(
                services.get(Service.RECORDS, base + "/disclosures", Map.of(), viewer.token()), new TypeReference<>() {
                });
        Paged<Notice> notices = Services.JSON.convertValue(services.get(Service.RECORDS, base + "/notices",
                Map.of("size", 50), viewer.token()), new TypeReference<>() {
                });
        boolean own = viewer.has("officer") && id.equals(viewer.getOfficerId());
        return Templates.officer(id, own, records, disputes, disclosures, notices.items(),
                notice == null ? null : NOTICES.get(notice));
    }

    /** The officer disputes one of their own ACTIVE records; the statement travels with the record. */
    @POST
    @Path("officers/{officerId}/records/{recordId}/disputes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dispute(@PathParam("officerId") String officerId, @PathParam("recordId") String recordId,
                            @FormParam("statement") String statement, @FormParam("csrf") String csrf,
                            @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String officer = uuid(officerId, "An officer");
        String record = uuid(recordId, "A record");
        if (statement == null || statement.isBlank()) {
            throw PortalProblem.badRequest("Say why the record is wrong: the statement is required.");
        }
        services.post(Service.RECORDS, "/api/v1/officers/" + officer + "/records/" + record + "/disputes",
                Map.of("statement", statement.strip()), viewer.token(), formKey);
        return Response.seeOther(URI.create("/officers/" + officer + "?notice=disputed")).build();
    }

    /** DOJ's open disputes, oldest first, each with the decision form. */
    @GET
    @Path("disputes")
    public TemplateInstance disputes(@QueryParam("notice") String notice) {
        Paged<Dispute> open = Services.JSON.convertValue(services.get(Service.RECORDS, "/api/v1/disputes",
                Map.of("size", 100), viewer.token()), new TypeReference<>() {
                });
        return Templates.disputes(open, notice == null ? null : NOTICES.get(notice));
    }

    /** DOJ decides a dispute: UPHOLD, AMEND (the summary) or EXPUNGE, with the reason. */
    @POST
    @Path("disputes/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") String disputeId, @FormParam("outcome") String outcome,
                           @FormParam("reason") String reason, @FormParam("summary") String summary,
                           @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String id = uuid(disputeId, "A dispute");
        if (outcome == null || !List.of("UPHOLD", "AMEND", "EXPUNGE").contains(outcome)) {
            throw PortalProblem.badRequest("Choose the decision: uphold, amend or expunge.");
        }
        Map<String, Object> decision = new java.util.LinkedHashMap<>();
        decision.put("outcome", outcome);
        decision.put("reason", reason == null ? "" : reason.strip());
        if ("AMEND".equals(outcome) && summary != null && !summary.isBlank()) {
            decision.put("amendment", Map.of("summary", summary.strip()));
        }
        services.post(Service.RECORDS, "/api/v1/disputes/" + id + "/decision", decision, viewer.token(), formKey);
        return Response.seeOther(URI.create("/disputes?notice=decided")).build();
    }
}
