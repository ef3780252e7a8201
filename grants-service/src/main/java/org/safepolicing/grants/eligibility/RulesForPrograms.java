package org.safepolicing.grants.eligibility;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.program.ProgramRules;

/** The rules as a program's terms name them, and the re-decision of its applicants when the terms change. */
@ApplicationScoped
public class RulesForPrograms implements ProgramRules {

    private final EligibilityService eligibility;

    RulesForPrograms(EligibilityService eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public List<String> carriedByEveryProgram() {
        return RuleCatalog.GENERAL;
    }

    @Override
    public List<String> selectable() {
        return RuleCatalog.SELECTABLE;
    }

    @Override
    public String trainingCoverage() {
        return TrainingCoverageRule.CODE;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void redecideApplicants(GrantProgram program, Instant effectiveAt) {
        eligibility.decideForProgram(program, effectiveAt);
    }
}
