package org.safepolicing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OriTest {

    @ParameterizedTest
    @ValueSource(strings = {"VA0290100", "CA0194200", "DC0010000", "PR0010000", "TXDPS0000", "GUXXXXXXX"})
    void acceptsAStateOrTerritoryCodeAndSevenLettersOrDigits(String ori) {
        assertTrue(Ori.isValid(ori), ori);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "va0290100", "Va0290100", "VA029010a", // lower case
            "VA029010", "VA02901000", "VA", // wrong length
            "ZZ0290100", "XX0290100", // unknown state code
            "VA-290100", " VA0290100", "VA0290100 ", "V10290100"})
    void rejectsAnythingElse(String ori) {
        assertFalse(Ori.isValid(ori), String.valueOf(ori));
    }

    @Test
    void theStateIsTheFirstTwoLetters() {
        assertEquals("VA", Ori.state("VA0290100"));
    }

    @Test
    void theSchemasPatternAgreesWithTheShapeCheck() {
        // The schemas carry only the shape; the state list is Ori's. Every valid ORI must pass the schema's pattern.
        Pattern schemaPattern = Pattern.compile("^[A-Z]{2}[A-Z0-9]{7}$");
        for (String state : Ori.STATE_CODES) {
            assertEquals(2, state.length(), state);
            assertTrue(schemaPattern.matcher(state + "0290100").matches());
            assertTrue(Ori.isValid(state + "0290100"), state);
        }
        int withOri = 0;
        for (String path : EventSchemas.BY_PAYLOAD.values()) {
            var ori = EventJson.resource(path).path("properties").path("ori");
            if (!ori.isMissingNode()) {
                assertEquals(schemaPattern.pattern(), ori.path("pattern").asText(), path);
                withOri++;
            }
        }
        assertEquals(6, withOri);
    }
}
