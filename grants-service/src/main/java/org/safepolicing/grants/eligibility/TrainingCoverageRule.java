package org.safepolicing.grants.eligibility;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.enterprise.context.ApplicationScoped;

import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.TrainingProjection;

/** A program rule (Sec. 4/5): at least the program's minimum share of sworn officers is trained. */
@ApplicationScoped
public class TrainingCoverageRule implements EligibilityRule {

    public static final String CODE = "TRAINING_COVERAGE";

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String remedy(GrantProgram program) {
        return "train officers until coverage reaches the program's minimum of " + percent(minimum(program));
    }

    @Override
    public RuleResult evaluate(AgencyStanding standing, GrantProgram program) {
        BigDecimal minimum = minimum(program);
        TrainingProjection training = standing.training();
        if (training == null) {
            return RuleResult.fail(CODE, "no training coverage reported (the program's minimum is " + percent(minimum)
                    + ")", null);
        }
        String coverage = "training coverage " + percent(training.coverage) + " (" + training.trainedOfficers + " of "
                + training.swornOfficers + " sworn officers trained)";
        DecidingEvent decidedBy = DecidingEvent.of(training.lastEvent);
        if (training.coverage.compareTo(minimum) >= 0) {
            return RuleResult.pass(CODE, coverage + " meets the program's minimum of " + percent(minimum), decidedBy);
        }
        return RuleResult.fail(CODE, coverage + " is below the program's minimum of " + percent(minimum), decidedBy);
    }

    private static BigDecimal minimum(GrantProgram program) {
        return program == null || program.minimumTrainingCoverage == null ? BigDecimal.ZERO : program.minimumTrainingCoverage;
    }

    static String percent(BigDecimal share) {
        return share.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
    }
}
