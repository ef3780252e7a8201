package org.safepolicing.grants.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.safepolicing.grants.eligibility.Eligibility;
import org.safepolicing.grants.eligibility.EligibilityService;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.program.GrantPrograms;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.ProjectionQueries;

/**
 * Every agency the projection has heard of, decided under one program's terms now: who is eligible, and for who is
 * not, which rules fail and why.
 */
@ApplicationScoped
public class EligibilityReport {

    private final GrantPrograms programs;
    private final ProjectionQueries standings;
    private final EligibilityService eligibility;

    EligibilityReport(GrantPrograms programs, ProjectionQueries standings, EligibilityService eligibility) {
        this.programs = programs;
        this.standings = standings;
        this.eligibility = eligibility;
    }

    /** @param eligible only eligible (true) or ineligible (false) agencies; null: both */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Result run(UUID programId, Boolean eligible) {
        GrantProgram program = programs.find(programId);
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Row> rows = new ArrayList<>();
        int eligibleCount = 0;
        for (AgencyStanding standing : standings.loadAll(standings.knownAgencies()).values()) {
            Eligibility answer = eligibility.evaluate(standing, program);
            if (answer.eligible()) {
                eligibleCount++;
            }
            if (eligible == null || eligible == answer.eligible()) {
                rows.add(new Row(standing.ori(), standing.agency() == null ? null : standing.agency().name,
                        standing.agency() == null ? null : standing.agency().agencyType, answer.eligible(),
                        answer.failing().stream().map(r -> new FailingRule(r.rule(), r.reason())).toList()));
            }
        }
        int total = standings.knownAgencies().size();
        return new Result(program, asOf, eligibleCount, total - eligibleCount, rows);
    }

    public record Result(GrantProgram program, Instant asOf, int eligible, int ineligible, List<Row> rows) {
    }

    @Schema(name = "EligibilityReportRow")
    public record Row(String ori, String name, String agencyType, boolean eligible, List<FailingRule> failingRules) {
    }

    @Schema(name = "FailingRule")
    public record FailingRule(String rule, String reason) {
    }
}
