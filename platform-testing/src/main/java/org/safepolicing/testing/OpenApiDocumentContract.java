package org.safepolicing.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A service's API as reviewed: the OpenAPI document its build writes
 * ({@code quarkus.smallrye-openapi.store-schema-directory=target/openapi}) must be the one committed in the module at
 * {@value #COMMITTED_PATH}, so that a change to an endpoint, a parameter or a field shows in review as a change to
 * that file. When they differ the test fails, lists each difference, says whether it breaks clients (see
 * {@link OpenApiComparison}) and how to update the committed copy: run the test with {@code -Dopenapi.update=true},
 * which writes the generated document over the committed one (and passes), then commit it with the change.
 * <p>
 * A service's test class extends this and adds its {@code @QuarkusTest} and {@link SuiteServers} annotations (the same
 * as its other tests, so it shares their application): starting the application in the test is what writes the
 * document, so the test checks the document of the code being built, not one left from an earlier build.
 */
public abstract class OpenApiDocumentContract {

    /** Where each service keeps the document as reviewed, relative to its module. */
    public static final String COMMITTED_PATH = "src/main/openapi/openapi.yaml";
    /** Where the build writes it, relative to the module. */
    public static final String GENERATED_PATH = "target/openapi/openapi.yaml";
    /** {@code -Dopenapi.update=true}: write the generated document over the committed one. */
    public static final String UPDATE_PROPERTY = "openapi.update";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBuildWritesTheDocument() throws IOException {
        Path generated = Path.of(GENERATED_PATH);
        assertTrue(Files.isRegularFile(generated), () -> "the build wrote no OpenAPI document at " + GENERATED_PATH
                + " (module " + Path.of("").toAbsolutePath().getFileName() + "): application.properties needs "
                + "quarkus.smallrye-openapi.store-schema-directory=target/openapi");
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        long written = Files.getLastModifiedTime(generated).toMillis();
        // file systems keep modification times to the second or coarser
        assertTrue(written >= jvmStarted - 2_000, () -> GENERATED_PATH + " was written before this test run "
                + "started, so it is not the document of the code under test");
        assertTrue(Files.isRegularFile(Path.of("target/openapi/openapi.json")), "the JSON twin is written too");
    }

    @Test
    void theGeneratedDocumentIsTheCommittedOne() throws IOException {
        String service = serviceName();
        Path generatedFile = Path.of(GENERATED_PATH);
        Path committedFile = Path.of(COMMITTED_PATH);
        String generated = Files.readString(generatedFile, StandardCharsets.UTF_8);
        String howToUpdate = howToUpdate(service);

        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            boolean same = Files.isRegularFile(committedFile) && OpenApiComparison.compare(
                    Files.readString(committedFile, StandardCharsets.UTF_8), generated).identical();
            if (!same) {
                Files.createDirectories(committedFile.toAbsolutePath().getParent());
                Files.writeString(committedFile, generated, StandardCharsets.UTF_8);
                System.out.println("[openapi] " + service + ": wrote the generated OpenAPI document to "
                        + COMMITTED_PATH + "; commit it with the change that caused it");
            }
            assertEquals(generated, Files.readString(committedFile, StandardCharsets.UTF_8));
            return;
        }

        if (!Files.isRegularFile(committedFile)) {
            fail(service + " has no committed OpenAPI document at " + COMMITTED_PATH + ".\n" + howToUpdate);
        }
        OpenApiComparison.Result result = OpenApiComparison.compare(
                Files.readString(committedFile, StandardCharsets.UTF_8), generated);
        if (!result.identical()) {
            fail("The OpenAPI document of " + service + " (" + GENERATED_PATH + ") differs from the committed "
                    + COMMITTED_PATH + ": "
                    + (result.breaking()
                            ? "a BREAKING change: clients written against the committed document may fail."
                            : "a compatible change (nothing a client of the committed document relies on is gone).")
                    + "\n\nDifferences, committed -> generated (" + result.differences().size() + "):\n"
                    + result.listing()
                    + "\nopenapi-diff:\n" + result.openApiDiff().indent(2)
                    + "\n" + howToUpdate);
        }
    }

    @Test
    void theDocumentCarriesTheConfiguredInfoAndServers() throws IOException {
        JsonNode document = YAML.readTree(Path.of(GENERATED_PATH).toFile());
        Config config = ConfigProvider.getConfig();
        JsonNode info = document.path("info");
        assertEquals(config.getValue("quarkus.smallrye-openapi.info-title", String.class), info.path("title").asText(),
                "info.title");
        assertEquals(config.getValue("quarkus.smallrye-openapi.info-version", String.class),
                info.path("version").asText(), "info.version");
        assertEquals(config.getValue("quarkus.smallrye-openapi.info-description", String.class),
                info.path("description").asText(), "info.description");
        assertEquals(serviceName(), info.path("title").asText(), "the document is titled with the service's name");

        List<String> configured = config.getOptionalValues("quarkus.smallrye-openapi.servers", String.class)
                .orElse(List.of());
        List<String> written = new ArrayList<>();
        document.path("servers").forEach(server -> written.add(server.path("url").asText()));
        assertEquals(configured, written, "servers: exactly those configured (quarkus.smallrye-openapi.servers), "
                + "none guessed from the build's host and port");

        assertFalse(document.path("paths").isEmpty(), "the document lists the service's paths");
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext();) {
            String path = paths.next();
            assertTrue(path.startsWith("/api/v1/"), () -> "every path is under /api/v1/: " + path);
        }
    }

    @Test
    void theServedDocumentIsTheGeneratedOne() throws IOException {
        JsonNode generated = YAML.readTree(Path.of(GENERATED_PATH).toFile());
        String served = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        OpenApiComparison.Result result = OpenApiComparison.compare(served, JSON.writeValueAsString(generated));
        assertTrue(result.identical(), () -> "/q/openapi and " + GENERATED_PATH + " differ (served -> generated):\n"
                + result.listing());
    }

    @Test
    void theDocumentIsWrittenInAStableOrder() throws IOException {
        JsonNode document = YAML.readTree(Path.of(GENERATED_PATH).toFile());
        assertSorted("paths", document.path("paths"));
        assertSorted("components.schemas", document.path("components").path("schemas"));
        List<String> tags = new ArrayList<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        assertEquals(tags.stream().sorted().toList(), tags, "tags in order of their names");
    }

    private static void assertSorted(String what, JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.stream().sorted().toList(), keys, what + " in order of their names");
    }

    private static String serviceName() {
        Optional<String> name = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class);
        return name.orElseGet(() -> Path.of("").toAbsolutePath().getFileName().toString());
    }

    private static String howToUpdate(String service) {
        return "If the change is intended, update the committed copy and commit it with the change, so that it shows "
                + "in review:\n"
                + "  ./mvnw -pl " + service + " -am test -Dtest=OpenApiDocumentTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true\n"
                + "(or copy " + service + "/" + GENERATED_PATH + " over " + service + "/" + COMMITTED_PATH + ").";
    }
}
