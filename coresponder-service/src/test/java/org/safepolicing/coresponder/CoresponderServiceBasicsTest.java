package org.safepolicing.coresponder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.safepolicing.testing.ServiceBasicsContract;
import org.safepolicing.testing.SuiteServers;

@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "coresponder"))
class CoresponderServiceBasicsTest extends ServiceBasicsContract {
}
