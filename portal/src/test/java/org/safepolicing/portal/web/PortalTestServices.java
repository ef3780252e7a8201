package org.safepolicing.portal.web;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.safepolicing.testing.TestTokens;

/**
 * The portal's page tests: stand-ins for the four services ({@link ServiceStandIn}), and quarkus-oidc checking the
 * signed test tokens of platform-testing ({@link TestTokens}) sent as bearer tokens. The page tests run as a
 * {@code service} application: Keycloak's sign-in (authorization code with PKCE) is PortalBrowserIT's; what the pages
 * do with the signed-in user's token is the same.
 */
public class PortalTestServices implements QuarkusTestResourceLifecycleManager {

    public static final ServiceStandIn CREDENTIALING = new ServiceStandIn();
    public static final ServiceStandIn RECORDS = new ServiceStandIn();
    public static final ServiceStandIn CORESPONDER = new ServiceStandIn();
    public static final ServiceStandIn GRANTS = new ServiceStandIn();

    @Override
    public Map<String, String> start() {
        // the sign-in settings of a web-app that a service application refuses
        return Map.ofEntries(Map.entry("quarkus.oidc.token.refresh-expired", "false"),
                Map.entry("quarkus.oidc.logout.path", ""),
                // verified with the test key alone: no OIDC server is asked
                Map.entry("quarkus.oidc.auth-server-url", ""),
                Map.entry("quarkus.http.test-port", "0"),
                Map.entry("portal.credentialing-url", CREDENTIALING.url()),
                Map.entry("portal.records-url", RECORDS.url()),
                Map.entry("portal.coresponder-url", CORESPONDER.url()),
                Map.entry("portal.grants-url", GRANTS.url()),
                Map.entry("quarkus.oidc.application-type", "service"),
                Map.entry("quarkus.oidc.public-key", TestTokens.verificationKey()),
                Map.entry("quarkus.oidc.token.issuer", TestTokens.ISSUER),
                Map.entry("quarkus.oidc.token.audience", TestTokens.AUDIENCE));
    }

    @Override
    public void stop() {
        // the stand-ins live as long as the test JVM, shared by the test classes
    }
}
