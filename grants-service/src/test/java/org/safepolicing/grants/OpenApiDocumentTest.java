package org.safepolicing.grants;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.safepolicing.testing.OpenApiDocumentContract;
import org.safepolicing.testing.SuiteServers;

/**
 * The API as reviewed: the OpenAPI document the build writes to target/openapi/ is the committed
 * src/main/openapi/openapi.yaml; a difference fails, named and called breaking or compatible.
 * {@code -Dopenapi.update=true} writes the generated document over the committed one.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class OpenApiDocumentTest extends OpenApiDocumentContract {
}
