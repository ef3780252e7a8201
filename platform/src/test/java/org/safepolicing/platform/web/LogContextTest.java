package org.safepolicing.platform.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * A line logged while serving a request names the request: its id (the caller's {@code X-Request-Id}, or the one the
 * service made and answered) and its trace, in the logging context that the prod profile's JSON lines carry.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
class LogContextTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(LoggedTestResource.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(LoggedTestResource.CATEGORY).removeHandler(capture);
    }

    @Test
    void aLineLoggedForARequestNamesTheCallersRequestIdAndTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("X-Request-Id", "log-context-1").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00")
                .when().get("/platform-test/logged")
                .then().statusCode(200).header("X-Request-Id", "log-context-1");

        ExtLogRecord line = onlyLine();
        assertEquals("log-context-1", line.getMdc(RequestIdFilter.MDC_KEY));
        assertEquals(traceId, line.getMdc("traceId"), "OpenTelemetry's trace id is in the same context");

        // as the prod profile writes it: one JSON object whose mdc names the request and the trace
        JsonNode json = new ObjectMapper().readTree(new JsonFormatter().format(line));
        assertEquals("served the logged test resource", json.path("message").asText());
        assertEquals("log-context-1", json.path("mdc").path(RequestIdFilter.MDC_KEY).asText());
        assertEquals(traceId, json.path("mdc").path("traceId").asText());
    }

    @Test
    void withoutACallersIdTheLineNamesTheIdTheServiceAnswered() {
        String answered = given().header("X-Request-Id", "not a sane id!")
                .when().get("/platform-test/logged")
                .then().statusCode(200).extract().header("X-Request-Id");

        assertNotNull(answered);
        assertTrue(!answered.equals("not a sane id!"), "an id that is not sane is replaced");
        assertEquals(answered, onlyLine().getMdc(RequestIdFilter.MDC_KEY));
    }

    @Test
    void twoRequestsDoNotShareAnId() {
        given().header("X-Request-Id", "log-context-a").when().get("/platform-test/logged").then().statusCode(200);
        given().when().get("/platform-test/logged").then().statusCode(200);

        assertEquals(2, records.size());
        assertEquals("log-context-a", records.get(0).getMdc(RequestIdFilter.MDC_KEY));
        assertTrue(!"log-context-a".equals(records.get(1).getMdc(RequestIdFilter.MDC_KEY)),
                "the second request's line carries its own id, not the first one's");
    }

    private ExtLogRecord onlyLine() {
        assertEquals(1, records.size(), "one line logged for the request");
        return records.get(0);
    }
}
