package org.safepolicing.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.platform.problem.Problem;
import org.safepolicing.testing.SuiteServers;

/**
 * A query or path value of the wrong type is the caller's mistake about a resource that exists: 400 problem+json
 * naming the path, not JAX-RS' 404 "no resource"; out-of-range pages stay the bean validation's 400 and an unknown
 * path stays 404.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
class ParameterValuesTest {

    @Path("/platform-test/values")
    @Produces(MediaType.APPLICATION_JSON)
    public static class ValuesResource {

        @GET
        @PermitAll
        public String list(@Valid @BeanParam PageRequest paging) {
            return "{\"offset\":" + paging.offset() + "}";
        }

        @GET
        @Path("{id}")
        @PermitAll
        public String one(@PathParam("id") UUID id) {
            return "{\"id\":\"" + id + "\"}";
        }
    }

    @Test
    void aValueOfTheWrongTypeIs400() {
        for (String query : new String[] {"page=abc", "size=1.5", "size=99999999999", "page=0x10"}) {
            given().when().get("/platform-test/values?" + query)
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo("urn:safe-policing:problem:bad-request"))
                    .body("detail", containsString("/platform-test/values"));
        }
        given().when().get("/platform-test/values/not-a-uuid")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("wrong type"));
    }

    @Test
    void rightTypesOutOfRangeAndUnknownPathsKeepTheirAnswers() {
        given().when().get("/platform-test/values?page=2&size=10").then().statusCode(200).body("offset", equalTo(20));
        given().when().get("/platform-test/values/" + UUID.randomUUID()).then().statusCode(200);
        given().when().get("/platform-test/values?page=100001")
                .then().statusCode(400).body("type", equalTo("urn:safe-policing:problem:invalid-input"));
        given().when().get("/platform-test/no-such-thing")
                .then().statusCode(404).body("type", equalTo("urn:safe-policing:problem:not-found"));
    }
}
