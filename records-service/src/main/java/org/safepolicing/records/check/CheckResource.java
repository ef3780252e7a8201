package org.safepolicing.records.check;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.safepolicing.platform.audit.OfficerLevelData;
import org.safepolicing.platform.limits.RateLimited;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.security.Roles;
import org.safepolicing.platform.validation.ValidOri;

@OfficerLevelData
@Path("/api/v1/agencies/{ori}/checks")
@Tag(name = "Checks", description = "Hiring and background checks, each disclosure accounted for")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckResource {

    private final CheckService checks;
    private final Caller caller;

    CheckResource(CheckService checks, Caller caller) {
        this.checks = checks;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.AGENCY_USER)
    @RateLimited("check")
    // a check answers with officers' records, which are not kept for a replay; every run is its own disclosure
    @Extension(name = "x-idempotency-key", value = "not accepted: every check is run and accounted for")
    @Operation(summary = "Run a check", description = "By firstName + lastName + dateOfBirth (spelling variants match,"
            + " with a score) or by state + certificationNumber, with a purpose. Shows only ACTIVE and DISPUTED records,"
            + " with the officer's statement; every record shown is written to the disclosure accounting.")
    @APIResponse(responseCode = "200", description = "matching officers and their disclosable records")
    @APIResponse(responseCode = "400", description = "neither or both ways of searching, or no purpose")
    @APIResponse(responseCode = "403", description = "not this agency's user")
    @APIResponse(responseCode = "429", description = "too many checks from this caller; see Retry-After")
    public CheckResult run(@PathParam("ori") @ValidOri String ori, @NotNull @Valid CheckRequest request) {
        caller.requireAgency(ori);
        return checks.run(ori, request);
    }
}
