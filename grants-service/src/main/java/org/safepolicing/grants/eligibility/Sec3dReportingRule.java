package org.safepolicing.grants.eligibility;

import jakarta.enterprise.context.ApplicationScoped;

import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.ReportingProjection;

/**
 * EO 13929 Sec. 3(d): DOJ discretionary grants go only to agencies that submit the information Sec. 3 asks for, i.e.
 * that are current in reporting as records-service decides it. records-service states a standing for every agency as
 * soon as it learns of it (at registration: the first period OPEN with {@code current: true} and its due date); until
 * grants has read a standing the rule FAILs with {@link #NO_STATUS_YET} and no deciding event. Stated policy (README):
 * Sec. 3(d) conditions a grant on the agency submitting what Sec. 3 asks, so grants never counts an agency as current
 * on a fact no event states.
 */
@ApplicationScoped
public class Sec3dReportingRule implements EligibilityRule {

    public static final String CODE = "SEC_3D_REPORTING";
    /** The reason while no ReportingStatusChanged has been read for the agency (stated policy, README, Sec. 3(d)). */
    public static final String NO_STATUS_YET = "no reporting standing received yet";

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String remedy(GrantProgram program) {
        return "submit every past-due report to records-service (a zero report when there is nothing to report)";
    }

    @Override
    public RuleResult evaluate(AgencyStanding standing, GrantProgram program) {
        ReportingProjection reporting = standing.reporting();
        if (reporting == null) {
            return RuleResult.fail(CODE, NO_STATUS_YET, null);
        }
        DecidingEvent decidedBy = DecidingEvent.of(reporting.lastEvent);
        String period = reporting.period == null ? "the latest period" : "period " + reporting.period;
        if (reporting.current) {
            return RuleResult.pass(CODE, "reporting current (" + period + " is " + reporting.status + ")", decidedBy);
        }
        if (ReportingStatus.DELINQUENT.name().equals(reporting.status)) {
            return RuleResult.fail(CODE, "reporting delinquent: " + period + " is past due without a report"
                    + (reporting.dueDate == null ? "" : " (due " + reporting.dueDate + ")"), decidedBy);
        }
        return RuleResult.fail(CODE, "reporting not current: a period is delinquent (latest change: " + period + " is "
                + reporting.status + ")", decidedBy);
    }
}
