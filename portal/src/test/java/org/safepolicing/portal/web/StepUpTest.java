package org.safepolicing.portal.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.testing.TestTokens;

import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A service that asks for a second factor (RFC 9470: 401, {@code WWW-Authenticate: Bearer
 * error="insufficient_user_authentication", acr_values="gold"}): a page that was read sends the person through the
 * sign-in asking for gold and back; a form gets a page that explains and starts that sign-in; no loop when the sign-in
 * holds the level already; the sign-in request to Keycloak carries acr_values. Keycloak's own login is PortalBrowserIT's.
 */
@QuarkusTest
@QuarkusTestResource(PortalTestServices.class)
class StepUpTest {

    private static final String OFFICER = "0ff1ce20-0000-4000-8000-000000000001";
    private static final String ORI = "VA0290100";
    private static final ServiceStandIn RECORDS = PortalTestServices.RECORDS;
    private static final Map<String, String> STEP_UP = Map.of("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\","
            + " error_description=\"A second factor is required for officer-level data\", acr_values=\"gold\"");
    private static final String PROBLEM = """
            {"type": "urn:safe-policing:problem:insufficient-user-authentication", "title": "A second factor is required",
             "status": 401, "detail": "officer-level data needs a sign-in with a second factor (acr gold)"}""";

    private final String officer = TestTokens.as("officer").claim("officer_id", OFFICER).claim("sid", "session-s").sign();

    @BeforeEach
    void officerLevelDataNeedsGold() {
        RECORDS.reset();
        RECORDS.answer("GET", "/api/v1/officers/" + OFFICER + "/records", 401, PROBLEM, STEP_UP);
        RECORDS.answer("POST", "/api/v1/agencies/" + ORI + "/checks", 401, PROBLEM, STEP_UP);
    }

    @Test
    void aPageThatIsReadSendsThePersonThroughTheSignInWithTheLevelAsked() {
        given().auth().oauth2(officer).redirects().follow(false)
                .get("/officers/" + OFFICER + "?notice=disputed")
                .then().statusCode(303).header("Cache-Control", "no-store")
                .header("Location", endsWith("/step-up?acr=gold&return=%2Fofficers%2F" + OFFICER + "%3Fnotice%3Ddisputed"));
        assertEquals("Bearer " + officer, RECORDS.sent("GET", "/api/v1/officers/" + OFFICER + "/records").get(0)
                .authorization(), "the service was asked with the person's token");
    }

    @Test
    void aFormGetsAPageThatExplainsAndStartsTheSignInBackToTheFormsPage() {
        String agency = TestTokens.as("agency-user").claim("ori", ORI).claim("sid", "session-s2").sign();
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/reporting", 200, "{\"current\": true, \"periods\": []}");
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/notifications", 200,
                "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
        String page = given().auth().oauth2(agency).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .extract().asString();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        given().auth().oauth2(agency).redirects().follow(false)
                .header("Referer", "http://127.0.0.1:" + port + "/agencies/" + ORI + "/records")
                .formParam("csrf", FormFields.hidden(page, "csrf")).formParam("purpose", "HIRING")
                .formParam("certificationNumber", "C-100").formParam("state", "VA")
                .post("/agencies/" + ORI + "/records/check")
                .then().statusCode(401)
                .body(containsString("<h1 id=\"problem-title\">A second factor is needed</h1>"),
                        containsString("answered by records-service"),
                        containsString("signed in with a second factor"), containsString("the level gold"),
                        containsString("href=\"/step-up?acr=gold&amp;return=%2Fagencies%2F" + ORI + "%2Frecords\""),
                        not(containsString("Signed out")));
    }

    @Test
    void aFormFromAnotherSitesPageReturnsToTheStartPage() {
        String agency = TestTokens.as("agency-user").claim("ori", ORI).claim("sid", "session-s3").sign();
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/reporting", 200, "{\"current\": true, \"periods\": []}");
        RECORDS.answer("GET", "/api/v1/agencies/" + ORI + "/notifications", 200,
                "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
        String page = given().auth().oauth2(agency).get("/agencies/" + ORI + "/records").then().statusCode(200)
                .extract().asString();
        given().auth().oauth2(agency).header("Referer", "https://elsewhere.example/agencies/" + ORI + "/records")
                .formParam("csrf", FormFields.hidden(page, "csrf")).formParam("purpose", "HIRING")
                .formParam("certificationNumber", "C-100").formParam("state", "VA")
                .post("/agencies/" + ORI + "/records/check")
                .then().statusCode(401).body(containsString("href=\"/step-up?acr=gold&amp;return=%2Fmy\""));
    }

    @Test
    void aSignInThatHoldsTheLevelAlreadyIsNotSentRoundAgain() {
        String gold = TestTokens.as("officer").claim("officer_id", OFFICER).claim("sid", "session-g").claim("acr", "gold")
                .sign();
        given().auth().oauth2(gold).redirects().follow(false).get("/officers/" + OFFICER)
                .then().statusCode(401).body(containsString("A second factor is needed"),
                        containsString("already has that level"), containsString("id=\"step-up-sign-in\""));
    }

    @Test
    void anyOther401IsStillSignedOut() {
        RECORDS.answer("GET", "/api/v1/officers/" + OFFICER + "/records", 401, """
                {"type": "urn:safe-policing:problem:unauthenticated", "title": "Unauthenticated", "status": 401}""",
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        given().auth().oauth2(officer).redirects().follow(false).get("/officers/" + OFFICER)
                .then().statusCode(401).body(containsString("Signed out"), not(containsString("second factor")));
    }

    @Test
    void theStepUpStartsTheSignInForThePortalsOwnPagesOnly() {
        given().auth().oauth2(officer).redirects().follow(false)
                .get("/step-up?acr=gold&max_age=300&return=/officers/" + OFFICER)
                .then().statusCode(303)
                .header("Location", endsWith("/step-up/sign-in?acr=gold&max_age=300&return=%2Fofficers%2F" + OFFICER));
        for (String elsewhere : new String[] {"https://elsewhere.example/", "//elsewhere.example/x", "/\\elsewhere.example",
                "officers", "/step-up?acr=gold"}) {
            given().redirects().follow(false).queryParam("acr", "gold").queryParam("return", elsewhere).get("/step-up")
                    .then().statusCode(303).header("Location", endsWith("/step-up/sign-in?acr=gold&return=%2Fmy"));
        }
        given().redirects().follow(false).queryParam("acr", "gold\"><script>").queryParam("return", "/my").get("/step-up")
                .then().statusCode(400).body(not(containsString("<script>")));
        given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site").get("/step-up?acr=gold&return=/my")
                .then().statusCode(403);
    }

    @Test
    void backFromTheSignInWithTheLevelThePersonIsOnThePageAgain() {
        String gold = TestTokens.as("officer").claim("officer_id", OFFICER).claim("sid", "session-g2").claim("acr", "gold")
                .sign();
        given().auth().oauth2(gold).redirects().follow(false)
                .queryParam("acr", "gold").queryParam("return", "/officers/" + OFFICER + "?notice=disputed")
                .get("/step-up/sign-in")
                .then().statusCode(303).header("Location", endsWith("/officers/" + OFFICER + "?notice=disputed"));
        // Keycloak gave another level: a page, not another round
        given().auth().oauth2(officer).redirects().follow(false)
                .queryParam("acr", "gold").queryParam("return", "/officers/" + OFFICER).get("/step-up/sign-in")
                .then().statusCode(401).body(containsString("did not give the level gold"),
                        containsString("href=\"/step-up?acr=gold&amp;return=%2Fofficers%2F" + OFFICER + "\""));
    }

    @Test
    void theSignInRequestToKeycloakAsksForTheLevel() {
        StepUpRedirect filter = new StepUpRedirect();
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        filter.filter(new OidcRedirectFilter.OidcRedirectContext(context("/step-up/sign-in",
                Map.of("acr", "gold", "max_age", "300")), null, "https://keycloak/auth", params));
        assertEquals("gold", params.get("acr_values"));
        assertEquals("300", params.get("max_age"));
        assertTrue(params.get("prompt") == null, "a level asked for: Keycloak's step-up asks only for what is missing");

        MultiMap none = MultiMap.caseInsensitiveMultiMap();
        filter.filter(new OidcRedirectFilter.OidcRedirectContext(context("/step-up/sign-in", Map.of()), null,
                "https://keycloak/auth", none));
        assertEquals("login", none.get("prompt"), "no level named: a fresh sign-in");
        assertTrue(none.get("acr_values") == null);

        MultiMap other = MultiMap.caseInsensitiveMultiMap();
        filter.filter(new OidcRedirectFilter.OidcRedirectContext(context("/officers/" + OFFICER, Map.of("acr", "gold")),
                null, "https://keycloak/auth", other));
        assertTrue(other.isEmpty(), "any other sign-in is left as it is");
    }

    /** A request as the redirect filter reads it: its path and query parameters. */
    private static RoutingContext context(String path, Map<String, String> query) {
        HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(StepUpTest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> path;
                    case "getParam" -> query.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (RoutingContext) Proxy.newProxyInstance(StepUpTest.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("request")) {
                        return request;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
