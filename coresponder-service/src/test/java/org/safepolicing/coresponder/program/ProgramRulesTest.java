package org.safepolicing.coresponder.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.safepolicing.contracts.events.ProgramStatus;

/**
 * The program's rules on the aggregate, every case: which status may follow which (all 16 pairs), what a 409 names as
 * allowed, when clinicians may change and when encounters are taken. No server, no database.
 */
class ProgramRulesTest {

    private static Program in(ProgramStatus status) {
        Program program = new Program();
        program.status = status;
        return program;
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "PLANNED,   PLANNED,   false",
            "PLANNED,   ACTIVE,    true",
            "PLANNED,   SUSPENDED, false",
            "PLANNED,   ENDED,     true",
            "ACTIVE,    PLANNED,   false",
            "ACTIVE,    ACTIVE,    false",
            "ACTIVE,    SUSPENDED, true",
            "ACTIVE,    ENDED,     true",
            "SUSPENDED, PLANNED,   false",
            "SUSPENDED, ACTIVE,    true",
            "SUSPENDED, SUSPENDED, false",
            "SUSPENDED, ENDED,     true",
            "ENDED,     PLANNED,   false",
            "ENDED,     ACTIVE,    false",
            "ENDED,     SUSPENDED, false",
            "ENDED,     ENDED,     false"})
    void statusMayChangeOnlyAlongTheLifecycle(ProgramStatus from, ProgramStatus to, boolean allowed) {
        assertEquals(allowed, in(from).mayChangeTo(to));
    }

    @ParameterizedTest(name = "{0} allows {1}")
    @CsvSource({
            "PLANNED,   ACTIVE ENDED",
            "ACTIVE,    ENDED SUSPENDED",
            "SUSPENDED, ACTIVE ENDED",
            "ENDED,     ''"})
    void theAllowedNextStatusesAreNamedInOrder(ProgramStatus from, String expected) {
        List<String> names = in(from).allowedNext().stream().map(Enum::name).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), names);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProgramStatus.class)
    void cliniciansChangeUntilTheProgramHasEnded(ProgramStatus status) {
        assertEquals(status != ProgramStatus.ENDED, in(status).mayChangeClinicians());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProgramStatus.class)
    void encountersAreTakenOnceTheProgramHasStarted(ProgramStatus status) {
        assertEquals(status != ProgramStatus.PLANNED, in(status).takesEncounters());
    }
}
