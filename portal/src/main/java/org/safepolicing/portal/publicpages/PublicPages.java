package org.safepolicing.portal.publicpages;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
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
import org.safepolicing.portal.publicpages.PublicViews.CredentialedAgency;
import org.safepolicing.portal.publicpages.PublicViews.Release;
import org.safepolicing.portal.publicpages.PublicViews.ReleaseEntry;
import org.safepolicing.portal.web.Paged;
import org.safepolicing.portal.web.PortalProblem;
import org.safepolicing.portal.web.Services;
import org.safepolicing.portal.web.Services.Service;
import org.safepolicing.portal.web.Viewer;

/**
 * The pages anyone may read without signing in: what EO 13929 makes public. Credentialed agencies and certified
 * bodies (Sec. 2(b), credentialing-service's public registry) and the statistics releases (Sec. 3(c), records-service),
 * each exactly as the service publishes it, suppressed cells shown as suppressed.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PublicPages {

    private static final int PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index();

        static native TemplateInstance agencies(Paged<CredentialedAgency> agencies, String q, String state);

        static native TemplateInstance bodies(Paged<CertifiedBody> bodies, String q);

        static native TemplateInstance releases(List<ReleaseEntry> releases, int year);

        static native TemplateInstance release(Release release);

        static native TemplateInstance survey(SurveyView survey);
    }

    private final Services services;
    private final Viewer viewer;

    PublicPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index();
    }

    @GET
    @Path("agencies")
    public TemplateInstance agencies(@QueryParam("q") String q, @QueryParam("state") String state,
                                     @QueryParam("page") String page) {
        String st = state == null ? null : state.strip().toUpperCase(java.util.Locale.ROOT);
        JsonNode answer = services.get(Service.CREDENTIALING, "/api/v1/public/credentialed-agencies",
                query("q", q, "state", st, "page", page(page), "size", PAGE_SIZE), viewer.token());
        Paged<CredentialedAgency> agencies = Services.JSON.convertValue(answer, new TypeReference<>() {
        });
        return Templates.agencies(agencies, q == null ? "" : q, st == null ? "" : st);
    }

    @GET
    @Path("bodies")
    public TemplateInstance bodies(@QueryParam("q") String q, @QueryParam("page") String page) {
        JsonNode answer = services.get(Service.CREDENTIALING, "/api/v1/public/bodies",
                query("q", q, "page", page(page), "size", PAGE_SIZE), viewer.token());
        Paged<CertifiedBody> bodies = Services.JSON.convertValue(answer, new TypeReference<>() {
        });
        return Templates.bodies(bodies, q == null ? "" : q);
    }

    @GET
    @Path("statistics")
    public TemplateInstance releases() {
        JsonNode answer = services.get(Service.RECORDS, "/api/v1/statistics/releases", Map.of(), null);
        List<ReleaseEntry> releases = new ArrayList<>();
        answer.forEach(r -> releases.add(Services.JSON.convertValue(r, ReleaseEntry.class)));
        return Templates.releases(releases, java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear());
    }

    /**
     * DOJ publishes a release for a year on demand (Sec. 3(c)); records-service refuses it while too few agencies
     * reported for it to be representative, and the page shows its reason and both coverage figures.
     */
    @POST
    @Path("statistics")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@FormParam("year") String year, @FormParam("title") String title,
                            @FormParam("csrf") String csrf, @FormParam("formKey") String formKey) {
        viewer.requireCsrf(csrf);
        int y;
        try {
            y = Integer.parseInt(year == null ? "" : year.strip());
        } catch (NumberFormatException e) {
            throw PortalProblem.badRequest("The year is four digits, e.g. 2026 ('" + year + "' is not).");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("year", y);
        if (title != null && !title.isBlank()) {
            request.put("title", title.strip());
        }
        JsonNode published = services.post(Service.RECORDS, "/api/v1/statistics/releases", request, viewer.token(), formKey);
        return Response.seeOther(URI.create("/statistics/" + published.path("version").asInt())).build();
    }

    @GET
    @Path("statistics/{version}")
    public TemplateInstance release(@PathParam("version") String version) {
        JsonNode answer = services.get(Service.RECORDS, "/api/v1/statistics/releases/" + version(version), Map.of(), null);
        ReleaseEntry entry = Services.JSON.convertValue(answer, ReleaseEntry.class);
        return Templates.release(new Release(entry, answer.path("methodology").asText(""),
                PublicViews.tables(answer.get("tables"))));
    }

    @GET
    @Path("statistics/{version}/csv")
    @Produces("text/csv")
    public Response releaseCsv(@PathParam("version") String version) {
        int v = version(version);
        String csv = services.getText(Service.RECORDS, "/api/v1/statistics/releases/" + v + "/csv", "text/csv", null);
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"safe-policing-statistics-v" + v + ".csv\"").build();
    }

    /** HHS's co-responder survey, nationwide or for one state (Sec. 4). */
    @GET
    @Path("survey")
    public TemplateInstance survey(@QueryParam("state") String state) {
        String st = state == null || state.isBlank() ? null : state.strip().toUpperCase(java.util.Locale.ROOT);
        JsonNode report = services.get(Service.CORESPONDER, "/api/v1/survey", query("state", st), null);
        return Templates.survey(SurveyView.of(report, st == null ? "" : st));
    }

    private static int version(String version) {
        try {
            int v = Integer.parseInt(version.strip());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw PortalProblem.badRequest("A release is named by its version, a whole number from 1 ('" + version + "' is not).");
    }

    /** A page number from the address (from 0), or null when none is given. */
    public static Integer page(String page) {
        if (page == null || page.isBlank()) {
            return null;
        }
        try {
            int p = Integer.parseInt(page.strip());
            if (p >= 0) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw PortalProblem.badRequest("page must be a whole number from 0 ('" + page + "' is not)");
    }

    static Map<String, Object> query(Object... nameValue) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            query.put((String) nameValue[i], nameValue[i + 1]);
        }
        return query;
    }
}
