package org.safepolicing.grants.program;

import java.time.Instant;
import java.util.List;

/**
 * What a program needs of the eligibility rules that decide under its terms: the rule codes a rule set is chosen from,
 * and re-deciding the program's applicants when its terms change. Owned here and implemented by eligibility, which
 * reads programs; program reads nothing of eligibility.
 */
public interface ProgramRules {

    /** The conditions every DOJ discretionary grant carries (EO 13929 Sec. 2(b), 3(d)): part of every rule set. */
    List<String> carriedByEveryProgram();

    /** The codes a program's rule set is chosen from. */
    List<String> selectable();

    /** The code of the rule that holds the agency to the program's {@code minimumTrainingCoverage}. */
    String trainingCoverage();

    /** Re-decides every agency that applied to the program under its new terms, in the caller's transaction. */
    void redecideApplicants(GrantProgram program, Instant effectiveAt);
}
