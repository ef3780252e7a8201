package org.safepolicing.contracts;

import java.util.EnumMap;
import java.util.Map;

import org.safepolicing.contracts.events.AgencyType;

/**
 * Which agencies Sec. 2 of Executive Order 13929 covers: the one table of agency type to coverage, read by
 * credentialing-service (who may seek a credential) and grants-service (where the Sec. 2(b) grant condition applies).
 *
 * <p>The text: Sec. 2(b) lets DOJ discretionary grants go "only to those State and local law enforcement agencies
 * that have sought or are in the process of seeking appropriate credentials"; DOJ's standards of 2020-10-28 say the
 * order "requires that all state, local, and university law enforcement agencies be certified". Neither names
 * federal, tribal or territorial agencies, while Sec. 1 and Sec. 3(a) name all five ("Federal, State, local, tribal,
 * and territorial") where they mean all five. Stated policy where the text is silent:
 * <ul>
 * <li>special-jurisdiction agencies (transit, port, park, school-district police) are agencies of a State or of a
 * local government, so covered;</li>
 * <li>university agencies are covered by the DOJ release's words;</li>
 * <li>federal agencies do not receive DOJ grants under 2(b) and do not seek credentials under it;</li>
 * <li>tribal and territorial agencies are outside 2(b): they may seek a credential voluntarily, and grants answers
 * the 2(b) rule NOT_APPLICABLE for them, with this reason, never a silent PASS.</li>
 * </ul>
 */
public enum Sec2bCoverage {

    /** A State or local agency (including university and special-jurisdiction agencies): 2(b) applies. */
    COVERED("a State or local law enforcement agency: Sec. 2(b) of EO 13929 conditions its DOJ discretionary grants"
            + " on seeking a credential"),
    /** A federal agency: not a State or local agency; it does not seek a credential under Sec. 2. */
    FEDERAL("a federal law enforcement agency: Sec. 2(b) of EO 13929 covers State and local agencies only, and DOJ's"
            + " standards of 2020-10-28 state, local and university agencies; federal agencies do not seek credentials"
            + " under it"),
    /** A tribal or territorial agency: outside 2(b) (stated policy); may seek a credential voluntarily. */
    OUTSIDE("a tribal or territorial law enforcement agency: Sec. 2(b) of EO 13929 names State and local agencies"
            + " only (where the order means tribal and territorial agencies it names them, Sec. 1 and 3(a)), so the"
            + " credential condition does not apply; a credential may still be sought voluntarily");

    private static final Map<AgencyType, Sec2bCoverage> TABLE = new EnumMap<>(Map.of(
            AgencyType.STATE, COVERED,
            AgencyType.LOCAL_MUNICIPAL, COVERED,
            AgencyType.COUNTY_SHERIFF, COVERED,
            AgencyType.UNIVERSITY, COVERED,
            AgencyType.SPECIAL_JURISDICTION, COVERED,
            AgencyType.FEDERAL, FEDERAL,
            AgencyType.TRIBAL, OUTSIDE,
            AgencyType.TERRITORIAL, OUTSIDE));

    private final String reason;

    Sec2bCoverage(String reason) {
        this.reason = reason;
    }

    /** The coverage of an agency type; every type has one. */
    public static Sec2bCoverage of(AgencyType type) {
        Sec2bCoverage coverage = TABLE.get(type);
        if (coverage == null) {
            throw new IllegalArgumentException("no Sec. 2(b) coverage stated for agency type " + type);
        }
        return coverage;
    }

    /** Whether an agency of this coverage may seek a credential (federal agencies may not). */
    public boolean maySeekCredential() {
        return this != FEDERAL;
    }

    /** Whether the Sec. 2(b) grant condition applies (otherwise the rule is NOT_APPLICABLE with {@link #reason()}). */
    public boolean grantConditionApplies() {
        return this == COVERED;
    }

    /** The coverage in plain words, with its source. */
    public String reason() {
        return reason;
    }
}
