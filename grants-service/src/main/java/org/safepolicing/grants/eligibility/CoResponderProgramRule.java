package org.safepolicing.grants.eligibility;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.CoResponderProgramProjection;

/** A program rule (Sec. 4/5): the agency runs or plans a co-responder program (ACTIVE or PLANNED). */
@ApplicationScoped
public class CoResponderProgramRule implements EligibilityRule {

    public static final String CODE = "CORESPONDER_PROGRAM";
    private static final Comparator<CoResponderProgramProjection> LATEST = Comparator.comparing(
            (CoResponderProgramProjection p) -> p.lastEvent.eventTime, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public String remedy(GrantProgram program) {
        return "run or plan a co-responder program (ACTIVE or PLANNED in coresponder-service)";
    }

    @Override
    public RuleResult evaluate(AgencyStanding standing, GrantProgram program) {
        List<CoResponderProgramProjection> programs = standing.coResponderPrograms();
        Optional<CoResponderProgramProjection> running = programs.stream()
                .filter(CoResponderProgramProjection::activeOrPlanned).max(LATEST);
        if (running.isPresent()) {
            CoResponderProgramProjection p = running.get();
            return RuleResult.pass(CODE, "co-responder " + p.label() + " is " + p.status, DecidingEvent.of(p.lastEvent));
        }
        Optional<CoResponderProgramProjection> latest = programs.stream().max(LATEST);
        if (latest.isEmpty()) {
            return RuleResult.fail(CODE, "no co-responder program reported", null);
        }
        CoResponderProgramProjection p = latest.get();
        return RuleResult.fail(CODE, "no co-responder program active or planned: " + p.label() + " is " + p.status,
                DecidingEvent.of(p.lastEvent));
    }
}
