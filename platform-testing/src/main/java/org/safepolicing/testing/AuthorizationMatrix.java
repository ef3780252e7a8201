package org.safepolicing.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.api.DynamicTest;

/**
 * A service's authorization matrix, kept as a readable Markdown table in {@code src/test/resources/} and run against
 * the running service with real signed tokens.
 *
 * <p>Each row is one request: {@code METHOD /path/{template}} exactly as the OpenAPI document names the operation,
 * an optional request column ({@code ?query=...} and/or {@code body: file.json} from {@code authorization/} next to
 * the table; {@code .csv} files are sent as text/csv), then one cell per caller in {@link #CALLERS}. The same
 * operation may have several rows (e.g. an id of another agency swapped into the body or the query).
 *
 * <p>Cells: {@code 2xx} the call succeeds; {@code ok} authorization lets it through (anything but 401, 403 and 5xx:
 * the request's own validity decides); {@code 401}, {@code 403}, {@code 404}, {@code 409} exactly that status. A 2xx
 * in a cell that says neither {@code 2xx} nor {@code ok} fails, as does any 5xx.
 *
 * <p>Callers: the object of every request belongs to agency {@code {ori}}, body {@code {bodyId}} and officer
 * {@code {officerId}} (placeholders the service's test fills from its fixtures). "own" callers carry those in their
 * token; "other" callers carry {@code {otherOri}}, {@code {otherBodyId}}, {@code {otherOfficerId}}. In a row, callers
 * expected to be refused go first, so a refused write cannot be mistaken for the allowed one that follows it.
 *
 * <p>{@link #coversOpenApi()} fails when an operation of the OpenAPI document has no row or a row names no operation:
 * a new endpoint cannot be added without deciding who may call it.
 */
public final class AuthorizationMatrix {

    /** The caller columns, in order: role and whether the token is scoped to the request's own agency/body/officer. */
    public static final List<String> CALLERS = List.of("anonymous", "doj-admin", "body-assessor own",
            "body-assessor other", "agency-user own", "agency-user other", "grant-officer", "hhs-analyst", "officer own",
            "officer other", "auditor");
    /**
     * Optional caller columns after {@link #CALLERS}: a state POST board whose {@code state} claim is the request's own
     * state {@code {state}} or another one {@code {otherState}}. A service whose operations a state board may call adds
     * both; the others leave them out.
     */
    public static final List<String> STATE_BOARD_CALLERS = List.of("state-board own", "state-board other");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)}");
    private static final Set<String> CELLS = Set.of("2xx", "ok", "401", "403", "404", "409");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String resource;
    private final List<Row> rows;
    private final Map<String, Supplier<String>> values = new LinkedHashMap<>();

    private AuthorizationMatrix(String resource, List<Row> rows) {
        this.resource = resource;
        this.rows = rows;
        String otherOri = "ZZ" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode() % 10_000_000));
        // the own scopes default to values no fixture holds: a service without bodies or officers need not set them
        with("ori", "ZY" + otherOri.substring(2));
        with("bodyId", UUID.randomUUID().toString());
        with("officerId", UUID.randomUUID().toString());
        with("otherOri", otherOri);
        with("otherBodyId", UUID.randomUUID().toString());
        with("otherOfficerId", UUID.randomUUID().toString());
        with("state", "QX");
        with("otherState", "QY");
        with("randomUuid", () -> UUID.randomUUID().toString());
    }

    /** Reads the table from a classpath resource, e.g. {@code authorization-matrix.md}. */
    public static AuthorizationMatrix load(String resource) {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        List<String> callers = CALLERS;
        int lineNo = 0;
        for (String line : read(resource).split("\n")) {
            lineNo++;
            String trimmed = line.trim();
            if (!trimmed.startsWith("|") || trimmed.startsWith("|---") || trimmed.startsWith("| ---")) {
                continue;
            }
            List<String> cells = cells(trimmed);
            if (header == null) {
                header = cells;
                List<String> expected = new ArrayList<>(List.of("operation", "request"));
                expected.addAll(CALLERS);
                List<String> withStateBoard = new ArrayList<>(expected);
                withStateBoard.addAll(STATE_BOARD_CALLERS);
                if (!header.equals(expected) && !header.equals(withStateBoard)) {
                    throw new AssertionError(resource + ": the table's header must be " + expected + " (optionally followed by "
                            + STATE_BOARD_CALLERS + "), is " + header);
                }
                callers = header.subList(2, header.size());
                continue;
            }
            if (cells.size() != header.size()) {
                throw new AssertionError(resource + " line " + lineNo + ": " + cells.size() + " cells, expected " + header.size());
            }
            String[] op = cells.get(0).split("\\s+", 2);
            if (op.length != 2 || !Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(op[0])) {
                throw new AssertionError(resource + " line " + lineNo + ": operation must be 'METHOD /path', is " + cells.get(0));
            }
            Map<String, String> expect = new LinkedHashMap<>();
            for (int i = 0; i < callers.size(); i++) {
                String cell = cells.get(i + 2);
                if (!CELLS.contains(cell)) {
                    throw new AssertionError(resource + " line " + lineNo + ": cell '" + cell + "' for " + callers.get(i)
                            + " is not one of " + CELLS);
                }
                expect.put(callers.get(i), cell);
            }
            rows.add(new Row(lineNo, op[0], op[1], cells.get(1), expect));
        }
        if (rows.isEmpty()) {
            throw new AssertionError(resource + " has no rows");
        }
        return new AuthorizationMatrix(resource, rows);
    }

    /** A placeholder's value, the same for every request. */
    public AuthorizationMatrix with(String placeholder, String value) {
        values.put(placeholder, () -> value);
        return this;
    }

    /** A placeholder whose value is new for every request (e.g. a fresh id for a create). */
    public AuthorizationMatrix with(String placeholder, Supplier<String> fresh) {
        values.put(placeholder, fresh);
        return this;
    }

    /** Every operation of the running service's OpenAPI document has a row, and every row names one of them. */
    public void coversOpenApi() {
        Set<String> documented = openApiOperations();
        Set<String> inTable = new TreeSet<>();
        rows.forEach(r -> inTable.add(r.method + " " + r.path));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(inTable);
        Set<String> unknown = new TreeSet<>(inTable);
        unknown.removeAll(documented);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new AssertionError(resource + " and the OpenAPI document differ.\n  operations without a row: " + missing
                    + "\n  rows for no operation: " + unknown);
        }
    }

    /** The operations of the running service's OpenAPI document, as {@code METHOD /path}. */
    public static Set<String> openApiOperations() {
        JsonNode doc;
        try {
            doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                    .extract().asString());
        } catch (IOException e) {
            throw new AssertionError("the OpenAPI document is not JSON", e);
        }
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    /** One dynamic test per row, named by its line and operation; each calls it as every caller. */
    public Stream<DynamicTest> rows() {
        return rows.stream().map(row -> DynamicTest.dynamicTest(
                "line " + row.line + ": " + row.method + " " + row.path + (row.request.isEmpty() ? "" : " " + row.request),
                () -> run(row)));
    }

    private void run(Row row) {
        List<String> order = new ArrayList<>();
        row.expect.forEach((caller, cell) -> {
            if (!cell.equals("2xx") && !cell.equals("ok")) {
                order.add(caller);
            }
        });
        row.expect.forEach((caller, cell) -> {
            if (cell.equals("2xx") || cell.equals("ok")) {
                order.add(caller);
            }
        });
        List<String> failures = new ArrayList<>();
        for (String caller : order) {
            String cell = row.expect.get(caller);
            Response response = send(row, caller);
            int status = response.statusCode();
            boolean pass = switch (cell) {
                case "2xx" -> status >= 200 && status < 300;
                case "ok" -> status != 401 && status != 403 && status < 500;
                default -> status == Integer.parseInt(cell);
            };
            if (!pass) {
                failures.add(caller + ": expected " + cell + ", got " + status + " " + abbreviate(response.asString()));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(resource + " line " + row.line + " " + row.method + " " + row.path + " "
                    + row.request + "\n  " + String.join("\n  ", failures));
        }
    }

    private Response send(Row row, String caller) {
        RequestSpecification request = given().redirects().follow(false);
        String token = token(caller);
        if (token != null) {
            request.auth().oauth2(token);
        }
        String query = "";
        String[] parts = row.request.isBlank() ? new String[0] : row.request.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("?")) {
                query = resolve(parts[i]);
            } else if (parts[i].startsWith("body:")) {
                String file = parts[i].length() > 5 ? parts[i].substring(5) : parts[++i];
                request.contentType(file.endsWith(".csv") ? "text/csv" : "application/json")
                        .body(resolve(read("authorization/" + file)));
            } else {
                throw new AssertionError(resource + " line " + row.line + ": the request column takes '?query' and"
                        + " 'body:file', not " + parts[i]);
            }
        }
        if (!row.method.equals("GET") && !row.method.equals("DELETE") && !row.request.contains("body:")) {
            request.contentType("application/json");
        }
        return request.request(row.method, resolve(row.path) + query);
    }

    private String token(String caller) {
        return switch (caller) {
            case "anonymous" -> null;
            case "body-assessor own" -> TestTokens.as("body-assessor").claim("body_id", value("bodyId")).sign();
            case "body-assessor other" -> TestTokens.as("body-assessor").claim("body_id", value("otherBodyId")).sign();
            case "agency-user own" -> TestTokens.as("agency-user").claim("ori", value("ori")).sign();
            case "agency-user other" -> TestTokens.as("agency-user").claim("ori", value("otherOri")).sign();
            case "officer own" -> TestTokens.as("officer").claim("officer_id", value("officerId")).sign();
            case "officer other" -> TestTokens.as("officer").claim("officer_id", value("otherOfficerId")).sign();
            case "state-board own" -> TestTokens.as("state-board").claim("state", value("state")).sign();
            case "state-board other" -> TestTokens.as("state-board").claim("state", value("otherState")).sign();
            default -> TestTokens.as(caller).sign();
        };
    }

    private String value(String placeholder) {
        Supplier<String> v = values.get(placeholder);
        if (v == null) {
            throw new AssertionError(resource + " uses {" + placeholder + "}, which the test did not set with with(...)");
        }
        return v.get();
    }

    private String resolve(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            // JSON objects in body files are not placeholders: only names the test set, or the caller scopes, are
            m.appendReplacement(sb, Matcher.quoteReplacement(values.containsKey(name) || isScope(name) ? value(name) : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean isScope(String name) {
        return Set.of("ori", "bodyId", "officerId").contains(name);
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.trim().replace("\\|", "|").replace("`", ""));
        }
        return cells;
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Row(int line, String method, String path, String request, Map<String, String> expect) {
    }
}
