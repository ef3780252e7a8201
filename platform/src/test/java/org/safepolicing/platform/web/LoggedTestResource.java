package org.safepolicing.platform.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.logging.Logger;

/** Logs one line while serving a request, for {@link LogContextTest}. */
@Path("/platform-test/logged")
public class LoggedTestResource {

    static final String CATEGORY = LoggedTestResource.class.getName();
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    @GET
    @PermitAll
    public String logged() {
        LOG.info("served the logged test resource");
        return "logged";
    }
}
