package org.safepolicing.grants.eligibility;

import jakarta.enterprise.context.ApplicationScoped;

import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.AgencyStanding;

/** A program rule, applied when a program funds only some agency types: the agency is of one of them. */
@ApplicationScoped
public class AgencyTypeRule implements EligibilityRule {

    public static final String CODE = "AGENCY_TYPE";

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String remedy(GrantProgram program) {
        return "be an agency of a type the program funds (" + String.join(", ", program.agencyTypes())
                + "), as the agency registry records it";
    }

    @Override
    public RuleResult evaluate(AgencyStanding standing, GrantProgram program) {
        AgencyProjection agency = standing.agency();
        String allowed = String.join(", ", program.agencyTypes());
        if (agency == null) {
            return RuleResult.fail(CODE, "agency type not known: no registry entry yet (the program funds " + allowed + ")",
                    null);
        }
        DecidingEvent decidedBy = DecidingEvent.of(agency.lastEvent);
        if (program.agencyTypes().contains(agency.agencyType)) {
            return RuleResult.pass(CODE, "agency type " + agency.agencyType + " is funded by the program", decidedBy);
        }
        return RuleResult.fail(CODE, "agency type " + agency.agencyType + " is not funded by the program (it funds "
                + allowed + ")", decidedBy);
    }
}
