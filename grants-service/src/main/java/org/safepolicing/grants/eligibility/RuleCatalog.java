package org.safepolicing.grants.eligibility;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;

import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyStanding;

/** Every rule by code, which of them a decision applies, and what a failing one asks of the agency. */
@ApplicationScoped
public class RuleCatalog {

    /**
     * The conditions every DOJ discretionary grant carries: Sec. 2(b) and Sec. 3(d) of EO 13929. Every program's rule
     * set includes them: a program adds rules, never removes these.
     */
    public static final List<String> GENERAL = List.of(Sec2bCredentialRule.CODE, Sec3dReportingRule.CODE);
    /** The rules a program's rule set is chosen from (AGENCY_TYPE follows from its allowed agency types). */
    public static final List<String> SELECTABLE = List.of(Sec2bCredentialRule.CODE, Sec3dReportingRule.CODE,
            CoResponderProgramRule.CODE, TrainingCoverageRule.CODE);

    private final Map<String, EligibilityRule> byCode;

    RuleCatalog(@All List<EligibilityRule> rules) {
        this.byCode = rules.stream().collect(Collectors.toMap(EligibilityRule::code, Function.identity()));
    }

    /** The rules that decide for {@code program}, or the general conditions when it is null; sorted by code. */
    public List<EligibilityRule> rulesFor(GrantProgram program) {
        List<String> codes = new ArrayList<>(GENERAL);
        if (program != null) {
            codes.addAll(program.ruleCodes());
        }
        if (program != null && program.restrictsAgencyTypes()) {
            codes.add(AgencyTypeRule.CODE);
        }
        return codes.stream().distinct().sorted().map(this::rule).toList();
    }

    public List<RuleResult> evaluate(AgencyStanding standing, GrantProgram program) {
        return rulesFor(program).stream().map(rule -> rule.evaluate(standing, program))
                .sorted(Comparator.comparing(RuleResult::rule)).toList();
    }

    /** For each failing rule: what it says now and what the agency must have instead. */
    public List<Remedy> whatMustChange(List<RuleResult> results, GrantProgram program) {
        return results.stream().filter(r -> !r.passed())
                .map(r -> new Remedy(r.rule(), r.reason(), byCode.containsKey(r.rule())
                        ? rule(r.rule()).remedy(program) : "the rule " + r.rule() + " must pass"))
                .toList();
    }

    private EligibilityRule rule(String code) {
        EligibilityRule rule = byCode.get(code);
        if (rule == null) {
            throw new IllegalStateException("no eligibility rule " + code);
        }
        return rule;
    }

    /** A failing rule, what it says now, and what must change for it to pass. */
    public record Remedy(String rule, String now, String needed) {
    }
}
