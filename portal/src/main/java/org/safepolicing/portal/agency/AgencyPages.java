package org.safepolicing.portal.agency;

import static org.safepolicing.portal.web.PathValues.ori;

import java.net.URI;
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
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

import org.safepolicing.portal.publicpages.PublicViews.CertifiedBody;
import org.safepolicing.portal.web.Paged;
import org.safepolicing.portal.web.PortalProblem;
import org.safepolicing.portal.web.Services;
import org.safepolicing.portal.web.Services.Service;
import org.safepolicing.portal.web.Viewer;

/**
 * An agency's standing under EO 13929 in one place (grants-service's compliance card), and what its own users do
 * about it: seek a credential from a certified body, withdraw one (credentialing-service). Who may read which card is
 * grants-service's decision (the agency itself, DOJ, grant officers, auditors); the portal asks with the user's token
 * and shows the answer or the refusal.
 */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AgencyPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance card(Card card, boolean own, List<CertifiedBody> bodies, String notice);

        static native TemplateInstance lookup(String ori);

        static native TemplateInstance my();
    }

    private final Services services;
    private final Viewer viewer;

    AgencyPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    /**
     * Where a signed-in user starts: an agency's user at the agency's card, an officer at their records, the others at
     * what their roles do.
     */
    @GET
    @Path("my")
    public Response my() {
        if (viewer.has("agency-user") && viewer.getOri() != null) {
            return see("/agencies/" + viewer.getOri() + "/compliance");
        }
        if (viewer.has("officer") && viewer.getOfficerId() != null) {
            return see("/officers/" + viewer.getOfficerId());
        }
        return Response.ok(Templates.my()).build();
    }

    /** The card of any agency, for those who may read others' (DOJ, grant officers, auditors). */
    @GET
    @Path("agencies/lookup")
    public Response lookup(@QueryParam("ori") String ori) {
        if (ori == null || ori.isBlank()) {
            return Response.ok(Templates.lookup("")).build();
        }
        return see("/agencies/" + ori(ori) + "/compliance");
    }

    @GET
    @Path("agencies/{ori}/compliance")
    public TemplateInstance card(@PathParam("ori") String ori, @QueryParam("notice") String notice) {
        String agency = ori(ori);
        JsonNode answer = services.get(Service.GRANTS, "/api/v1/agencies/" + agency + "/compliance", Map.of(),
                viewer.token());
        Card card = Services.JSON.convertValue(answer, Card.class);
        boolean own = viewer.has("agency-user") && agency.equals(viewer.getOri());
        List<CertifiedBody> bodies = List.of();
        if (own) {
            Paged<CertifiedBody> page = Services.JSON.convertValue(services.get(Service.CREDENTIALING,
                    "/api/v1/public/bodies", Map.of("size", 500), viewer.token()), new TypeReference<>() {
            });
            bodies = page.items();
        }
        return Templates.card(card, own, bodies, notice == null ? null : NOTICES.get(notice));
    }

    /** The agency seeks a credential from a certified body (Sec. 2(b)); credentialing-service decides if it may. */
    @POST
    @Path("agencies/{ori}/credentials")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response seek(@PathParam("ori") String ori, @FormParam("bodyId") String bodyId,
                         @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        if (bodyId == null || bodyId.isBlank()) {
            throw PortalProblem.badRequest("Choose the certified body to seek the credential from.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bodyId", bodyId.strip());
        services.post(Service.CREDENTIALING, "/api/v1/agencies/" + agency + "/credentials", body, viewer.token(), formKey);
        return see("/agencies/" + agency + "/compliance?notice=sought");
    }

    /** The agency withdraws a credential sought or held. */
    @POST
    @Path("agencies/{ori}/credentials/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@PathParam("ori") String ori, @PathParam("id") String id, @FormParam("reason") String reason,
                             @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        String agency = ori(ori);
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        services.post(Service.CREDENTIALING, "/api/v1/agencies/" + agency + "/credentials/" + Services.segment(id)
                + "/withdrawal", body, viewer.token(), formKey);
        return see("/agencies/" + agency + "/compliance?notice=withdrawn");
    }

    private static final Map<String, String> NOTICES = Map.of(
            "sought", "Credential sought. Grant eligibility follows within seconds: this card shows it when grants-service has decided.",
            "withdrawn", "Credential withdrawn. Grant eligibility follows within seconds: this card shows it when grants-service has decided.");

    private static Response see(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
