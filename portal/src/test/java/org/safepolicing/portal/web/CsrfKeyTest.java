package org.safepolicing.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CSRF token: bound to the user and the Keycloak session, unguessable without the key. */
class CsrfKeyTest {

    private static final String SECRET = "a-portal-csrf-secret-of-40-characters-xx";

    @Test
    void aShortKeyStopsTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new CsrfKey("too-short"));
        assertTrue(refused.getMessage().contains("32"), refused.getMessage());
    }

    @Test
    void theTokenChangesWithTheSessionTheUserAndTheKey() {
        CsrfKey key = new CsrfKey(SECRET);
        String token = key.sign("user-1|session-a");
        assertEquals(token, key.sign("user-1|session-a"), "the same session keeps its token");
        assertNotEquals(token, key.sign("user-1|session-b"), "a new sign-in gets a new token");
        assertNotEquals(token, key.sign("user-2|session-a"), "another user's token differs");
        assertNotEquals(token, new CsrfKey(SECRET + "-other").sign("user-1|session-a"), "another key, another token");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url: " + token);
    }
}
