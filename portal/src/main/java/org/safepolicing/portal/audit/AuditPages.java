package org.safepolicing.portal.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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
 * The auditor's view of the four services' audit trails: each hash chain verified on request (intact, rows checked,
 * each altered row, gap or cut named, the anchor it was checked against), and a search of one service's entries by actor, agency and object. Only auditors may
 * read them: each service refuses anyone else, and the portal shows that refusal; a service that does not answer is
 * named in the table while the others are still shown.
 */
@Path("/audit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    /** One service's verification, or why it could not be had. */
    @TemplateData
    public record ChainStatus(String service, Boolean intact, long rowsChecked, String headHash, List<Finding> problems,
                              String anchor, String unavailable) {
    }

    @TemplateData
    public record Finding(long id, String kind, String detail) {
    }

    @TemplateData
    public record Entry(long id, Instant occurredAt, String actor, String actorRoles, String actorAgency, String action,
                       String objectType, String objectId, String outcome, String requestId) {
    }

    /** The search form's values, as entered. */
    @TemplateData
    public record Search(String service, String actor, String agency, String objectType, String objectId) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(boolean verified, List<ChainStatus> chains, Search search,
                                             Paged<Entry> entries, List<String> services);
    }

    private static final Map<String, Service> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("credentialing-service", Service.CREDENTIALING);
        SERVICES.put("records-service", Service.RECORDS);
        SERVICES.put("coresponder-service", Service.CORESPONDER);
        SERVICES.put("grants-service", Service.GRANTS);
    }

    private final Services services;
    private final Viewer viewer;

    AuditPages(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance audit(@QueryParam("service") String service, @QueryParam("actor") String actor,
                                  @QueryParam("agency") String agency, @QueryParam("objectType") String objectType,
                                  @QueryParam("objectId") String objectId, @QueryParam("verify") String verify) {
        // verifying reads every row of four trails (and each service's anchor on Kafka): only when asked for
        boolean verifying = verify != null && !verify.isBlank();
        List<ChainStatus> chains = new ArrayList<>();
        if (verifying) {
            SERVICES.forEach((name, s) -> chains.add(verify(name, s)));
        }
        Search search = new Search(service == null || service.isBlank() ? "" : service, blank(actor), blank(agency),
                blank(objectType), blank(objectId));
        Paged<Entry> entries = null;
        if (!search.service().isEmpty()) {
            Service target = SERVICES.get(search.service());
            if (target == null) {
                throw PortalProblem.badRequest("No service named '" + search.service() + "'.");
            }
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("actor", search.actor());
            query.put("agency", search.agency().toUpperCase(Locale.ROOT));
            query.put("objectType", search.objectType());
            query.put("objectId", search.objectId());
            query.put("size", 100);
            entries = Services.JSON.convertValue(services.get(target, "/api/v1/audit/entries", query, viewer.token()),
                    new TypeReference<>() {
                    });
        } else if (!verifying) {
            // the trails are the auditors': the service decides, and its refusal (403) is the page
            services.get(Service.CREDENTIALING, "/api/v1/audit/entries", Map.of("size", 1), viewer.token());
        }
        return Templates.audit(verifying, chains, search, entries, List.copyOf(SERVICES.keySet()));
    }

    private ChainStatus verify(String name, Service service) {
        try {
            var answer = services.get(service, "/api/v1/audit/verification", Map.of(), viewer.token());
            List<Finding> problems = Services.JSON.convertValue(answer.path("problems"), new TypeReference<>() {
            });
            var anchor = answer.path("anchor");
            String anchorText = switch (anchor.path("status").asText("")) {
                case "CHECKED" -> "checked against the anchor of " + anchor.path("anchoredAt").asText().replace('T', ' ')
                        .replaceAll(":\\d\\d(\\.\\d+)?Z$", " UTC");
                case "NONE" -> "no anchor yet";
                case "UNAVAILABLE" -> "anchor not readable now";
                default -> "";
            };
            return new ChainStatus(name, answer.path("intact").asBoolean(), answer.path("rowsChecked").asLong(),
                    answer.path("headHash").asText(""), problems == null ? List.of() : problems, anchorText, null);
        } catch (PortalProblem problem) {
            if (problem.status() < 500) {
                throw problem; // the service's refusal (not an auditor: 403) is the page
            }
            return new ChainStatus(name, null, 0, "", List.of(), "", problem.title()
                    + (problem.detail() == null ? "" : ": " + problem.detail()));
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }
}
