package org.safepolicing.credentialing.credential;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.safepolicing.platform.web.QueryValues;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.body.BodyService;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

@Path("/api/v1/bodies/{id}/credentials")
@Tag(name = "Agency credentials")
@Produces(MediaType.APPLICATION_JSON)
public class BodyCredentialResource {

    private final CredentialService credentials;
    private final BodyService bodies;
    private final Caller caller;

    BodyCredentialResource(CredentialService credentials, BodyService bodies, Caller caller) {
        this.credentials = credentials;
        this.bodies = bodies;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.BODY_ASSESSOR, Roles.DOJ_ADMIN})
    @Operation(summary = "A body's credentials (its work list), by status, newest first",
            description = "The body's own assessors and DOJ only.")
    public Page<CredentialView> list(@PathParam("id") UUID bodyId, @QueryParam("status") String status,
                                     @Valid @BeanParam PageRequest paging) {
        caller.requireBody(bodyId, Roles.DOJ_ADMIN);
        bodies.get(bodyId);
        return credentials.listForBody(bodyId, QueryValues.oneOf("status", status, CredentialStatus.class), paging).map(CredentialView::of);
    }
}
