package org.safepolicing.grants;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.safepolicing.testing.ServiceBasicsContract;
import org.safepolicing.testing.SuiteServers;

/** Health over PostgreSQL and Kafka, OpenAPI, metrics and problem+json for unknown paths, as every service. */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "grants"))
class GrantsServiceBasicsTest extends ServiceBasicsContract {
}
