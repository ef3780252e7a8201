package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code Launcher json}: what bin/suite demo and token read from the services' and Keycloak's answers. */
class SuiteJsonTest {

    /** A grants-service eligibility answer, shortened. */
    private static final String ELIGIBILITY = """
            {"ori":"VA0290100","eligible":false,"rules":[
              {"rule":"SEC_3D_REPORTING","outcome":"PASS","decidedBy":{"eventId":"e-1"}},
              {"rule":"SEC_2B_CREDENTIAL","outcome":"FAIL","reason":"withdrawn \\"now\\"",
               "decidedBy":{"eventId":"e-2","time":"2026-12-07T10:00:00Z"}}],
             "count":2,"ratio":-1.5e3,"empty":{},"none":[],"nothing":null}
            """;

    private record Result(int status, String out, String err) {
    }

    private static Result json(String input, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SuiteJson.run(List.of(args), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void getPrintsAStringRawAndPicksArrayElementsByKey() throws IOException {
        assertEquals(new Result(0, "FAIL\n", ""), json(ELIGIBILITY, "get", "rules[rule=SEC_2B_CREDENTIAL].outcome"));
        assertEquals(new Result(0, "e-2\n", ""),
                json(ELIGIBILITY, "get", "rules[rule=SEC_2B_CREDENTIAL].decidedBy.eventId"));
        assertEquals(new Result(0, "withdrawn \"now\"\n", ""),
                json(ELIGIBILITY, "get", "rules[rule=SEC_2B_CREDENTIAL].reason"));
        assertEquals(new Result(0, "SEC_3D_REPORTING\n", ""), json(ELIGIBILITY, "get", "rules[0].rule"));
        assertEquals(new Result(0, "VA0290100\n", ""), json(ELIGIBILITY, "get", "ori"));
    }

    @Test
    void getPrintsAnythingElseAsCompactJson() throws IOException {
        assertEquals(new Result(0, "false\n", ""), json(ELIGIBILITY, "get", "eligible"));
        assertEquals(new Result(0, "2\n", ""), json(ELIGIBILITY, "get", "count"));
        assertEquals(new Result(0, "-1.5E+3\n", ""), json(ELIGIBILITY, "get", "ratio"));
        assertEquals(new Result(0, "{\"eventId\":\"e-1\"}\n", ""), json(ELIGIBILITY, "get", "rules[0].decidedBy"));
        assertEquals(new Result(0, "{}\n", ""), json(ELIGIBILITY, "get", "empty"));
        assertEquals(new Result(0, "[]\n", ""), json(ELIGIBILITY, "get", "none"));
    }

    @Test
    void getExitsOneWhenThereIsNoSuchValue() throws IOException {
        for (String path : List.of("missing", "rules[rule=SEC_9X].outcome", "rules[7].rule", "ori.deeper",
                "ori[0]", "nothing")) {
            assertEquals(new Result(1, "", ""), json(ELIGIBILITY, "get", path), path);
        }
    }

    @Test
    void prettyIndentsByTwoSpacesAndKeepsTheOrder() throws IOException {
        String expected = """
                {
                  "id": "b-1",
                  "tags": [
                    "a\\tb",
                    {
                      "n": 1
                    }
                  ],
                  "ok": true,
                  "none": null,
                  "e": {}
                }
                """;
        assertEquals(new Result(0, expected, ""),
                json("{\"id\":\"b-1\",\"tags\":[\"a\\tb\",{\"n\":1}],\"ok\":true,\"none\":null,\"e\":{}}", "pretty"));
    }

    @Test
    void jwtPrintsThePayload() throws IOException {
        String payload = "{\"preferred_username\":\"agency.user\",\"ori\":\"VA0290100\",\"name\":\"J\\u00fcrgen\"}";
        String token = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
        assertEquals(new Result(0, """
                {
                  "preferred_username": "agency.user",
                  "ori": "VA0290100",
                  "name": "Jürgen"
                }
                """, ""), json(token + "\n", "jwt"));
    }

    @Test
    void notJsonAndBadCommandLinesAreRefused() throws IOException {
        Result html = json("<html>502 Bad Gateway</html>", "get", "id");
        assertEquals(3, html.status());
        assertTrue(html.err().startsWith("not JSON: "), html.err());
        assertEquals(3, json("{\"a\":", "pretty").status());
        assertEquals(3, json("", "get", "a").status());
        assertEquals(3, json("not-a-token", "jwt").status());
        assertEquals(2, json("{}", "get").status());
        assertEquals(2, json("{}", "select", "a").status());
    }
}
