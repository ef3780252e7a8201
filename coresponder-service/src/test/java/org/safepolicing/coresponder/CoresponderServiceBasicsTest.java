package org.safepolicing.coresponder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

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
                .body("paths", hasKey("/api/v1/agencies/{ori}/programs/{id}/costs/{year}"))
                .body("paths", hasKey("/api/v1/agencies/{ori}/programs/{id}/costs"))
                .body("paths", hasKey("/api/v1/survey/reports"))
                .body("paths", hasKey("/api/v1/survey/reports/{id}"))
                .body("paths.'/api/v1/survey/reports'.post.summary", notNullValue())
                .body("components.schemas.Encounter.properties", hasKey("responseMinutes"))
                .body("components.schemas.EncounterBatch.properties", hasKey("encounters"))
                .body("paths.'/api/v1/survey'.get.summary", notNullValue());
    }

    @Test
    void everyYearParameterIsDocumentedAsAnIntegerFrom2000To2100() {
        var api = given().accept("application/json").get("/q/openapi").then().statusCode(200);
        for (String operation : List.of("'/api/v1/survey'.get", "'/api/v1/survey.csv'.get", "'/api/v1/survey.html'.get",
                "'/api/v1/survey/reports'.get", "'/api/v1/agencies/{ori}/programs/{id}/costs/{year}'.put")) {
            String year = "paths." + operation + ".parameters.find { it.name == 'year' }";
            api.body(year + ".schema.type", is("integer"))
                    .body(year + ".schema.minimum", is(2000))
                    .body(year + ".schema.maximum", is(2100))
                    .body(year + ".description", containsString("400 invalid-input"));
        }
    }
}
