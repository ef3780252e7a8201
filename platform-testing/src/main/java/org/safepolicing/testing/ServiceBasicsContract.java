package org.safepolicing.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What every service answers the same way: health covering PostgreSQL and Kafka, the OpenAPI document and UI,
 * Prometheus metrics, and problem+json for an unknown path. A service's test class extends this and adds its
 * {@code @QuarkusTest} and {@link SuiteServers} annotations.
 */
public abstract class ServiceBasicsContract extends ServiceSecurityContract {

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")))
                // the platform's event-backbone check: Kafka reached within its probe's timeout (DEGRADED, never DOWN)
                .body("checks.find { it.name == 'event-backbone' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-backbone' }.data.kafka", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiAndItsUiArePublished() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("components.securitySchemes.SecurityScheme.type", equalTo("http"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("outbox_events_pending"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    /** The platform's rule for native SQL, over this service's sources (the tests run in the module's folder). */
    @Test
    void nativeQueriesNameNoResultClass() {
        assertEquals(List.of(), NativeQueryRule.violations(Path.of("src/main/java")),
                "createNativeQuery with a result class (platform README, persistence: leave it out)");
    }

    @Test
    void anUnknownPathIsAProblem() {
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:safe-policing:problem:not-found"));
    }
}
