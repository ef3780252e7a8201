package org.safepolicing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.events.AgencyType;

class Sec2bCoverageTest {

    @Test
    void everyAgencyTypeHasACoverageAndAReason() {
        for (AgencyType type : AgencyType.values()) {
            assertFalse(Sec2bCoverage.of(type).reason().isBlank(), type.name());
        }
    }

    @Test
    void stateLocalAndUniversityAreCoveredFederalIsNotTribalAndTerritorialAreOutside() {
        assertEquals(Sec2bCoverage.COVERED, Sec2bCoverage.of(AgencyType.STATE));
        assertEquals(Sec2bCoverage.COVERED, Sec2bCoverage.of(AgencyType.LOCAL_MUNICIPAL));
        assertEquals(Sec2bCoverage.COVERED, Sec2bCoverage.of(AgencyType.COUNTY_SHERIFF));
        assertEquals(Sec2bCoverage.COVERED, Sec2bCoverage.of(AgencyType.UNIVERSITY));
        assertEquals(Sec2bCoverage.COVERED, Sec2bCoverage.of(AgencyType.SPECIAL_JURISDICTION));
        assertEquals(Sec2bCoverage.FEDERAL, Sec2bCoverage.of(AgencyType.FEDERAL));
        assertEquals(Sec2bCoverage.OUTSIDE, Sec2bCoverage.of(AgencyType.TRIBAL));
        assertEquals(Sec2bCoverage.OUTSIDE, Sec2bCoverage.of(AgencyType.TERRITORIAL));
        assertFalse(Sec2bCoverage.FEDERAL.maySeekCredential());
        assertTrue(Sec2bCoverage.OUTSIDE.maySeekCredential());
        assertFalse(Sec2bCoverage.OUTSIDE.grantConditionApplies());
        assertTrue(Sec2bCoverage.COVERED.grantConditionApplies());
    }
}
