package org.safepolicing.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/**
 * The portal in a real browser (headless Chromium) against the whole running suite and Keycloak's real login form:
 * what the public reads, an agency's user seeking a credential and watching the card turn PASS, another agency's user
 * refused, a forged form refused. axe-core checks every page for serious WCAG 2.1 AA violations; each page is
 * photographed into {@code target/portal-screenshots/}.
 */
class PortalBrowserIT {

    private static Suite suite;
    private static Browser browser;
    private static String portal;

    @BeforeAll
    static void start() {
        suite = new Suite();
        portal = suite.stack.url(SystemStack.PORTAL);
        browser = new Browser(1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aVisitorReadsWhatIsPublicWithoutSigningIn() {
        suite.certifiedBody("Portal Public Body");

        browser.open(portal + "/");
        assertEquals("Safe Policing for Safe Communities", browser.heading());
        assertAccessible("start");

        browser.open(portal + "/bodies?q=" + "Portal Public Body");
        assertTrue(browser.text("#bodies").contains("Portal Public Body"), "the certified body is listed");
        assertAccessible("bodies");

        browser.open(portal + "/agencies?state=VA");
        assertEquals("Credentialed agencies", browser.heading());
        assertTrue(browser.all("#agencies").size() + browser.all("#no-results").size() == 1,
                "either a table of credentialed agencies or the sentence that none matches");
        assertAccessible("agencies");

        browser.open(portal + "/statistics");
        assertEquals("Statistics releases", browser.heading());
        assertAccessible("statistics");

        browser.open(portal + "/survey");
        assertEquals("Co-responder survey", browser.heading());
        assertTrue(browser.text("#survey-scope").contains("programs"), browser.text("main"));
        assertAccessible("survey");
        browser.open(portal + "/survey?state=Virginia");
        assertTrue(browser.text(".status").contains("HTTP 400"), "coresponder-service's refusal: " + browser.text("main"));
        assertTrue(browser.text(".status").contains("coresponder-service"), browser.text(".status"));

        // at 360 px wide (a small phone) no page scrolls sideways: wide tables scroll inside their own box
        browser.driver().manage().window().setSize(new Dimension(360, 800));
        try {
            for (String page : List.of("/", "/agencies?state=VA", "/bodies", "/statistics", "/survey")) {
                browser.open(portal + page);
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(((Number) overflow).intValue() <= 0, page + " is wider than 360 px by " + overflow + " px");
            }
            browser.open(portal + "/");
            browser.screenshot("start-360px");
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
        }

        browser.open(portal + "/statistics/abc");
        assertEquals("Bad request", browser.heading());
        assertTrue(browser.text("#problem-detail").contains("whole number"), browser.text("main"));

        // nobody signed in: the page for people sends the browser to Keycloak with a PKCE challenge (S256)
        browser.open(portal + "/my");
        assertTrue(browser.url().startsWith(suite.stack.realmUrl() + "/protocol/openid-connect/auth"), browser.url());
        assertTrue(browser.url().contains("code_challenge_method=S256"), browser.url());
        assertTrue(browser.url().contains("client_id=safe-policing-portal"), browser.url());
        browser.screenshot("keycloak-login");
    }

    @Test
    void anAgencyUserSeeksACredentialAndWatchesTheCardTurnPass() {
        Suite.Agency agency = suite.newAgency("VA");
        String body = suite.certifiedBody("Portal Test Body");
        signIn(agency.username(), agency.password());
        try {
            // /my takes an agency's user straight to the agency's card
            browser.open(portal + "/my");
            assertEquals(portal + "/agencies/" + agency.ori() + "/compliance", browser.url());
            assertTrue(browser.heading().contains(agency.ori()), browser.heading());
            assertEquals("FAIL", outcome("SEC_2B_CREDENTIAL"));
            assertTrue(browser.text("#eligible").startsWith("Not eligible"), browser.text("#eligible"));
            assertAccessible("card-before");

            new Select(browser.find("#bodyId")).selectByValue(body);
            browser.clickAndWait("#seek");
            assertTrue(browser.text("#notice").startsWith("Credential sought"), browser.text("main"));

            await().atMost(Suite.EVENTUALLY).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.open(portal + "/agencies/" + agency.ori() + "/compliance");
                return "PASS".equals(outcome("SEC_2B_CREDENTIAL"));
            });
            assertEquals("SOUGHT", browser.text("#credential-status"));
            assertTrue(browser.all("#withdraw").size() == 1, "a credential sought can be withdrawn from the card");
            assertAccessible("card-after-seeking");

            // the service holds the same: one credential, SOUGHT from that body
            JsonNode credentials = Suite.json(suite.as(suite.token(agency))
                    .get(suite.credentialing() + "/api/v1/agencies/" + agency.ori() + "/credentials").asString());
            assertEquals(1, credentials.size(), credentials.toString());
            assertEquals(body, credentials.get(0).path("bodyId").asText());

            // a form whose CSRF token is not this session's changes nothing
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.querySelector('input[name=csrf]').value = 'forged';");
            browser.clickAndWait("#withdraw");
            assertEquals("Forbidden", browser.heading());
            assertTrue(browser.text("#problem-detail").contains("CSRF"), browser.text("main"));
            JsonNode after = Suite.json(suite.as(suite.token(agency))
                    .get(suite.credentialing() + "/api/v1/agencies/" + agency.ori() + "/credentials").asString());
            assertEquals("SOUGHT", after.get(0).path("status").asText(), "the forged withdrawal changed nothing");

            // the card leads to the agency's co-responder page (Sec. 4), where its user registers a program
            browser.open(portal + "/agencies/" + agency.ori() + "/compliance");
            browser.clickAndWait("#coresponder-link");
            assertEquals(portal + "/agencies/" + agency.ori() + "/coresponder", browser.url());
            browser.find("#p-partner").sendKeys("Portal Test Crisis Team");
            new Select(browser.find("#p-model")).selectByValue("MOBILE_CRISIS_TEAM");
            browser.find("#p-coverage").sendKeys("40");
            browser.clickAndWait("#register-program");
            assertTrue(browser.text("#notice").startsWith("Program registered"), browser.text("main"));
            assertTrue(browser.text("#programs").contains("Portal Test Crisis Team"), browser.text("#programs"));
            assertAccessible("coresponder");
        } finally {
            signOut();
        }
    }

    @Test
    void anOfficerDisputesARecordAndDojDecidesIt() {
        Suite.Agency agency = suite.newAgency("VA");
        String records = suite.stack.url(SystemStack.RECORDS);
        String certification = "P" + System.nanoTime() % 1_000_000_000L;
        Response submitted = suite.as(suite.token(agency)).body(String.format("""
                {"officer": {"state": "VA", "certificationNumber": "%s", "firstName": "Dana", "lastName": "Portal",
                             "dateOfBirth": "1985-04-12"},
                 "category": "TERMINATION", "incidentDate": "2023-11-02", "summary": "Terminated for excessive force",
                 "fairProcess": {"noticeDate": "2024-01-10", "responseDate": "2024-02-01", "hearingHeld": true,
                                 "finalAdjudicationDate": "2024-03-15", "adjudication": "Sustained",
                                 "appealStatus": "EXHAUSTED"}}""", certification))
                .post(records + "/api/v1/agencies/" + agency.ori() + "/records");
        Suite.expect(submitted, 201, "a record about a new officer");
        assertEquals("ACTIVE", submitted.path("status"), submitted.asString());
        String recordId = submitted.path("id");
        String officerId = submitted.path("officerId");
        String[] officer = suite.officerUser(officerId);

        signIn(officer[0], officer[1]);
        try {
            browser.open(portal + "/my");
            assertEquals(portal + "/officers/" + officerId, browser.url());
            assertEquals("My records", browser.heading());
            assertTrue(browser.text("#record-" + recordId).contains("ACTIVE"), browser.text("main"));
            assertAccessible("officer-records");
            browser.find("#record-" + recordId + " textarea[name=statement]")
                    .sendKeys("The hearing found no excessive force; the termination was for absence.");
            browser.clickAndWait("#record-" + recordId + " button.dispute");
            assertTrue(browser.text("#notice").startsWith("Dispute filed"), browser.text("main"));
            assertEquals("OPEN", browser.text("#disputes .dispute-status"));
        } finally {
            signOut();
        }

        signIn("doj.admin", Suite.DEMO_PASSWORD);
        try {
            browser.open(portal + "/disputes");
            assertEquals("Disputes to decide", browser.heading());
            String dispute = "article[id^='dispute-']:has(a[href='/officers/" + officerId + "'])";
            assertEquals(1, browser.all(dispute).size(), "the officer's dispute waits for DOJ");
            assertAccessible("doj-disputes");
            browser.find(dispute + " input[value=UPHOLD]").click();
            browser.find(dispute + " textarea[name=reason]").sendKeys("The record states the sustained finding.");
            browser.clickAndWait(dispute + " button.decide");
            assertTrue(browser.text("#notice").startsWith("Decision recorded"), browser.text("main"));
            assertEquals(0, browser.all(dispute).size(), "a decided dispute leaves the list");
        } finally {
            signOut();
        }

        JsonNode disputes = Suite.json(suite.as(suite.demoToken("doj.admin"))
                .get(records + "/api/v1/officers/" + officerId + "/disputes").asString());
        assertEquals("UPHELD", disputes.get(0).path("status").asText(), disputes.toString());

        // another agency, which has no records, files its zero report for the quarter, then checks the officer before
        // hiring them: the record comes with the officer's statement
        Suite.Agency hiring = suite.newAgency("MD");
        signIn(hiring.username(), hiring.password());
        try {
            browser.open(portal + "/agencies/" + hiring.ori() + "/compliance");
            browser.clickAndWait("#records-link");
            String period = "#periods tr[data-period='" + SystemStack.FIRST_REPORTING_PERIOD + "']";
            assertAccessible("agency-records");
            browser.clickAndWait(period + " button.zero-report");
            assertTrue(browser.text("#notice").startsWith("Zero report filed"), browser.text("main"));
            assertEquals("SUBMITTED", browser.text(period + " .period-status"));
            new Select(browser.find("#purpose")).selectByValue("HIRING");
            browser.find("#certificationNumber").sendKeys(certification);
            browser.find("#check-state").sendKeys("VA");
            browser.clickAndWait("#run-check");
            assertEquals("Check result", browser.heading());
            assertTrue(browser.text("main").contains("Terminated for excessive force"), browser.text("main"));
            assertTrue(browser.text("main").contains("the termination was for absence"),
                    "the officer's statement travels with the record: " + browser.text("main"));
            assertAccessible("check-result");

            // and submits a record of its own through the form: its appeal pending, it waits (Sec. 3(b))
            browser.open(portal + "/agencies/" + hiring.ori() + "/records");
            String cert = "F" + System.nanoTime() % 1_000_000_000L;
            browser.find("#r-state").sendKeys("MD");
            browser.find("#r-cert").sendKeys(cert);
            browser.find("#r-first").sendKeys("Robin");
            browser.find("#r-last").sendKeys("Formfield");
            setDate("#r-dob", "1980-02-03");
            new Select(browser.find("#r-category")).selectByValue("TERMINATION");
            setDate("#r-incident", "2024-05-06");
            browser.find("#r-summary").sendKeys("Terminated after an internal investigation");
            setDate("#r-notice", "2024-06-01");
            setDate("#r-response", "2024-06-20");
            setDate("#r-final", "2024-07-15");
            new Select(browser.find("#r-appeal")).selectByValue("PENDING");
            browser.clickAndWait("#submit-record");
            assertTrue(browser.text("#notice").contains("waits for its fair process"), browser.text("main"));
        } finally {
            signOut();
        }
        JsonNode submittedByForm = Suite.json(suite.as(suite.token(hiring))
                .get(records + "/api/v1/agencies/" + hiring.ori() + "/records").asString());
        assertEquals(1, submittedByForm.path("items").size(), submittedByForm.toString());
        assertEquals("PENDING_FAIR_PROCESS", submittedByForm.path("items").get(0).path("status").asText());
        assertEquals("Terminated after an internal investigation",
                submittedByForm.path("items").get(0).path("summary").asText());
        JsonNode disclosures = Suite.json(suite.as(suite.demoToken("doj.admin"))
                .get(records + "/api/v1/officers/" + officerId + "/disclosures").asString());
        assertEquals("HIRING", disclosures.get(0).path("purpose").asText(), "the check was accounted to the officer");
    }

    @Test
    void anAuditorVerifiesEveryChainAndFindsAnAgencysActions() {
        Suite.Agency agency = suite.newAgency("VA");
        String body = suite.certifiedBody("Portal Audit Body");
        suite.seek(agency, body);

        signIn("auditor", Suite.DEMO_PASSWORD);
        try {
            browser.open(portal + "/my");
            browser.clickAndWait("#audit-link");
            assertEquals("Audit trails", browser.heading());
            // the trails are verified when the auditor asks, not on every search
            assertTrue(browser.all("#chains").isEmpty(), "no verification before it is asked for");
            browser.clickAndWait("#verify-button");
            for (String service : List.of("credentialing-service", "records-service", "coresponder-service",
                    "grants-service")) {
                assertEquals("intact", browser.text("#chains tr[data-service='" + service + "'] .chain"), service);
                assertFalse(browser.text("#chains tr[data-service='" + service + "'] .anchor").isBlank(), service
                        + " says how its anchor was checked");
            }
            assertAccessible("audit");
            new Select(browser.find("#service")).selectByValue("credentialing-service");
            browser.find("#agency").sendKeys(agency.ori());
            browser.clickAndWait("#h-search + form button");
            assertTrue(browser.text("#entries").contains(agency.ori()), browser.text("main"));
            assertTrue(browser.text("#entries").contains("credential.seek"), "the agency's seek is in the trail");
        } finally {
            signOut();
        }
    }

    @Test
    void dojCertifiesABodyAndItsAssessorCredentialsAnAgency() {
        String name = "Portal Applied Body " + System.nanoTime();
        String bodyId = suite.appliedBody(name);

        signIn("doj.admin", Suite.DEMO_PASSWORD);
        try {
            browser.open(portal + "/my");
            browser.clickAndWait("#bodies-link");
            assertEquals("Credentialing bodies", browser.heading());
            assertTrue(browser.text("#body-" + bodyId + " .body-status").startsWith("APPLIED"));
            assertAccessible("doj-bodies");
            browser.clickAndWait("#body-" + bodyId + " button.certify");
            assertTrue(browser.text("#notice").startsWith("Body certified"), browser.text("main"));

            // publishing this year's statistics now: no period of the year is past due yet (the run's first period is
            // the quarter it is in), so records-service refuses, and its reason is the page; nothing is published
            String releases = suite.stack.url(SystemStack.RECORDS) + "/api/v1/statistics/releases";
            int before = Suite.json(given().get(releases).asString()).size();
            browser.open(portal + "/statistics");
            browser.find("#title").sendKeys("Portal release");
            browser.clickAndWait("#publish");
            assertTrue(browser.text(".status").contains("HTTP 422"), browser.text("main"));
            assertTrue(browser.text(".status").contains("records-service"), browser.text(".status"));
            assertEquals(before, Suite.json(given().get(releases).asString()).size(), "nothing was published");
        } finally {
            signOut();
        }
        browser.open(portal + "/bodies?q=" + name.replace(' ', '+'));
        assertTrue(browser.text("#bodies").contains(name), "the public sees the body DOJ certified");

        Suite.Agency agency = suite.newAgency("VA");
        String credentialId = suite.seek(agency, bodyId);
        String[] assessor = suite.bodyAssessor(bodyId);
        signIn(assessor[0], assessor[1]);
        try {
            browser.open(portal + "/my");
            browser.clickAndWait("#assess-link");
            assertEquals(1, browser.all("#credentials tr[data-ori='" + agency.ori() + "']").size(),
                    "the agency that sought the body's credential is in its queue");
            browser.clickAndWait("#credentials tr[data-ori='" + agency.ori() + "'] a");
            assertEquals("SOUGHT", browser.text("#credential-status"));
            assertAccessible("worksheet");
            List<String> mandatory = browser.all("#worksheet tr[data-standard]").stream()
                    .filter(row -> row.getText().contains("(mandatory)"))
                    .map(row -> row.getAttribute("data-standard")).toList();
            assertEquals(2, mandatory.size(), "EO 13929 Sec. 2(c) names two mandatory standards: " + mandatory);
            for (String standard : mandatory) {
                String row = "#worksheet tr[data-standard='" + standard + "']";
                new Select(browser.find(row + " select")).selectByValue("MET");
                browser.clickAndWait(row + " button.assess");
                assertEquals("MET", browser.text(row + " .finding"));
            }
            browser.find("input[name=outcome][value=CREDENTIALED]").click();
            browser.clickAndWait("#decide");
            assertEquals("CREDENTIALED", browser.text("#credential-status"), browser.text("main"));
        } finally {
            signOut();
        }
        JsonNode credential = Suite.json(suite.as(suite.token(agency)).get(suite.credentialing() + "/api/v1/agencies/"
                + agency.ori() + "/credentials/" + credentialId).asString());
        assertEquals("CREDENTIALED", credential.path("status").asText(), credential.toString());
        browser.open(portal + "/agencies?q=" + agency.ori());
        assertTrue(browser.text("#agencies").contains(agency.ori()), "the public registry lists the credentialed agency");
    }

    @Test
    void aGrantOfficerAwardsAnEligibleAgencysApplication() {
        Suite.Agency agency = suite.newAgency("VA");
        suite.seek(agency, suite.certifiedBody("Portal Grant Body"));
        await().atMost(Suite.EVENTUALLY).pollInterval(Duration.ofMillis(250)).until(() ->
                suite.eligibility(suite.token(agency), agency.ori()).path("eligible").asBoolean());
        String grants = suite.stack.url(SystemStack.GRANTS);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Response program = suite.as(suite.admin()).body(java.util.Map.of(
                        "name", "Portal program " + System.nanoTime(), "area", "CREDENTIALING_ASSISTANCE",
                        "fiscalYear", today.getYear() + 1, "appropriation", "500000.00",
                        "applicationOpens", today.minusDays(1).toString(), "applicationCloses", today.plusDays(30).toString()))
                .post(grants + "/api/v1/grant-programs");
        Suite.expect(program, 201, "a grant program");
        String programId = program.path("id");
        Response applied = suite.as(suite.token(agency)).body(java.util.Map.of("ori", agency.ori(),
                        "requestedAmount", "120000.00", "purpose", "accreditation fees"))
                .post(grants + "/api/v1/grant-programs/" + programId + "/applications");
        Suite.expect(applied, 201, "an application");
        String applicationId = applied.path("id");

        signIn("grant.officer", Suite.DEMO_PASSWORD);
        try {
            browser.open(portal + "/my");
            browser.clickAndWait("#grants-link");
            assertAccessible("grants");
            browser.clickAndWait("#programs a[href='/grants/programs/" + programId + "']");
            String application = "#application-" + applicationId;
            assertEquals("SUBMITTED", browser.text(application + " .application-status"));
            assertTrue(browser.text(application).contains("Eligible when it applied"), browser.text(application));
            assertAccessible("grant-program");
            browser.find(application + " input[name=amount]").clear();
            browser.find(application + " input[name=amount]").sendKeys("100000.00");
            browser.clickAndWait(application + " button.award");
            assertTrue(browser.text("#notice").startsWith("Award made"), browser.text("main"));
            assertEquals("AWARDED", browser.text(application + " .application-status"));
            assertEquals("100000.00", browser.text("#awarded"));

            // the program's national table: the agency is among the eligible, and not among the others
            browser.clickAndWait("#eligibility-link");
            assertTrue(browser.text("#counts").contains("eligible"), browser.text("main"));
            browser.open(portal + "/grants/programs/" + programId + "/eligibility?eligible=true&page=0");
            assertAccessible("program-eligibility");
            boolean listed = false;
            for (int page = 0; !listed; page++) {
                listed = !browser.all("#eligibility tr[data-ori='" + agency.ori() + "']").isEmpty();
                if (!listed && browser.all(".pager a[rel=next]").isEmpty()) {
                    break;
                }
                if (!listed) {
                    browser.clickAndWait(".pager a[rel=next]");
                }
            }
            assertTrue(listed, "the eligible agency is in the table of eligible agencies");
            assertEquals("yes", browser.text("#eligibility tr[data-ori='" + agency.ori() + "'] td:nth-child(3)"));
        } finally {
            signOut();
        }
    }

    @Test
    void anotherAgencysUserSeesTheServicesRefusalNotTheCard() {
        Suite.Agency mine = suite.newAgency("MD");
        Suite.Agency other = suite.newAgency("VA");
        signIn(mine.username(), mine.password());
        try {
            browser.open(portal + "/agencies/" + other.ori() + "/compliance");
            assertEquals("Forbidden", browser.heading(), browser.text("main"));
            assertTrue(browser.text(".status").contains("HTTP 403"), browser.text(".status"));
            assertTrue(browser.text(".status").contains("grants-service"), browser.text(".status"));
            assertFalse(browser.driver().getPageSource().contains("Exception"), "no stack trace on the page");
            browser.screenshot("refused");
            assertAccessible("refused");

            browser.open(portal + "/agencies/not-an-ori/compliance");
            assertEquals("Bad request", browser.heading());

            // the audit trails are the auditors': the service's own refusal is the page
            browser.open(portal + "/audit");
            assertEquals("Forbidden", browser.heading(), browser.text("main"));
            assertTrue(browser.text(".status").contains("HTTP 403"), browser.text(".status"));
        } finally {
            signOut();
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoTokenReachesThePage() {
        given().get(portal + "/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
        // a form posted from another site is refused before anything is read
        given().header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("bodyId", "x").post(portal + "/agencies/VA0290100/credentials")
                .then().statusCode(403);

        Suite.Agency agency = suite.newAgency("VA");
        signIn(agency.username(), agency.password());
        try {
            browser.open(portal + "/agencies/" + agency.ori() + "/compliance");
            assertTrue(browser.heading().startsWith("Compliance card"), browser.text("main"));
            String token = suite.token(agency);
            String page = browser.driver().getPageSource();
            assertFalse(page.contains("eyJ"), "no JWT in the page");
            assertFalse(page.contains(token.substring(0, 40)), "not the user's token");
            for (Cookie cookie : browser.driver().manage().getCookies()) {
                if (cookie.getName().startsWith("q_session")) {
                    assertTrue(cookie.isHttpOnly(), "the session cookie is HttpOnly: " + cookie.getName());
                }
            }
            assertFalse(browser.url().contains("token"), browser.url());
        } finally {
            signOut();
        }
    }

    private static void signIn(String username, String password) {
        browser.open(portal + "/my");
        browser.signInOnKeycloak(username, password);
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.url().startsWith(portal));
        assertTrue(browser.text("#signed-in-as").contains(username), browser.text("header"));
    }

    /** Signs out through the portal, which ends the Keycloak session too (RP-initiated logout) and comes back. */
    private static void signOut() {
        browser.open(portal + "/logout");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.url().startsWith(portal)
                && !browser.all("#sign-in").isEmpty());
    }

    /** Sets a date field (the browser's own date widget ignores typed text in some locales). */
    private static void setDate(String css, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector(arguments[0]).value = arguments[1];", css, isoDate);
    }

    private static String outcome(String rule) {
        return browser.find("#rules tr[data-rule='" + rule + "'] .outcome").getText();
    }

    private static void assertAccessible(String page) {
        browser.screenshot(page);
        List<String> violations = browser.seriousAccessibilityViolations();
        assertTrue(violations.isEmpty(), "serious accessibility violations on " + page + ": " + violations);
    }
}
