package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.ServiceBasicsContract;
import org.safepolicing.testing.SuiteServers;

@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class CoresponderServiceBasicsTest extends ServiceBasicsContract {

    @Test
    void theApiDocumentDescribesEveryPartOfSec4() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/agencies/{ori}/programs"))
                .body("paths", hasKey("/api/v1/agencies/{ori}/programs/{id}/status"))
                .body("paths", hasKey("/api/v1/agencies/{ori}/programs/{programId}/encounters/bulk"))
                .body("paths", hasKey("/api/v1/agencies/{ori}/training/completions"))
                .body("paths", hasKey("/api/v1/capacity/states"))
                .body("paths", hasKey("/api/v1/survey"))
                .body("paths", hasKey("/api/v1/survey.csv"))
                .body("paths", hasKey("/api/v1/survey.html"))
                .body("components.schemas.Encounter.properties", hasKey("responseMinutes"))
                .body("components.schemas.EncounterBatch.properties", hasKey("encounters"))
                .body("paths.'/api/v1/survey'.get.summary", notNullValue());
    }
}
