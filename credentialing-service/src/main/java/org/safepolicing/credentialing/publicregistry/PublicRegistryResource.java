package org.safepolicing.credentialing.publicregistry;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.safepolicing.platform.web.QueryValues;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Path("/api/v1/public")
@Tag(name = "Public registry", description = "No sign-in: certified bodies and credentialed agencies")
@Produces(MediaType.APPLICATION_JSON)
public class PublicRegistryResource {

    private final PublicRegistryService registry;

    PublicRegistryResource(PublicRegistryService registry) {
        this.registry = registry;
    }

    @GET
    @Path("/bodies")
    @PermitAll
    @RateLimited("public-registry")
    @APIResponse(responseCode = "200", description = "one page")
    @APIResponse(responseCode = "400", description = "an invalid filter or page (size above 500)")
    @APIResponse(responseCode = "429", description = "too many requests from this caller: the token's subject, or the address "
            + "without a token (platform.rate-limit.public-registry.per-minute); see Retry-After")
    @Operation(summary = "Credentialing bodies certified today", description = "Searchable by a name fragment (q); paged.")
    public Page<PublicRegistryService.CertifiedBody> certifiedBodies(@QueryParam("q") @Size(max = 100) String q,
                                                                     @Valid @BeanParam PageRequest paging) {
        return registry.certifiedBodies(q, today(), paging);
    }

    @GET
    @Path("/credentialed-agencies")
    @PermitAll
    @RateLimited("public-registry")
    @APIResponse(responseCode = "200", description = "one page")
    @APIResponse(responseCode = "400", description = "an invalid filter or page (size above 500)")
    @APIResponse(responseCode = "429", description = "too many requests from this caller: the token's subject, or the address "
            + "without a token (platform.rate-limit.public-registry.per-minute); see Retry-After")
    @Operation(summary = "Agencies credentialed today, with their validity",
            description = "Searchable by name or ORI fragment (q), state, type and body; ordered by ORI; paged.")
    public Page<PublicRegistryService.CredentialedAgency> credentialedAgencies(
            @QueryParam("q") @Size(max = 100) String q,
            @QueryParam("state") @Pattern(regexp = "[A-Z]{2}", message = "must be a 2-letter state code") String state,
            @QueryParam("type") String type,
            @QueryParam("bodyId") String bodyId,
            @Valid @BeanParam PageRequest paging) {
        return registry.credentialedAgencies(q, state, QueryValues.oneOf("type", type, AgencyType.class),
                QueryValues.uuid("bodyId", bodyId), today(), paging);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
