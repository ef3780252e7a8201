package org.safepolicing.grants.compliance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.grants.award.GrantAward;
import org.safepolicing.grants.eligibility.EligibilityService;
import org.safepolicing.grants.eligibility.EligibilityView;
import org.safepolicing.grants.eligibility.ProgramEligibility;
import org.safepolicing.grants.program.GrantProgram;
import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.AgencyStanding;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CredentialProjection;
import org.safepolicing.grants.projection.ProjectionQueries;
import org.safepolicing.grants.projection.ReportingProjection;
import org.safepolicing.grants.projection.TrainingProjection;
import org.safepolicing.platform.audit.AuditTrail;

/** Assembles an agency's {@link ComplianceCard} from what grants already keeps; every read is audited. */
@ApplicationScoped
public class ComplianceService {

    private final EntityManager em;
    private final ProjectionQueries standings;
    private final EligibilityService eligibility;
    private final AuditTrail audit;

    ComplianceService(EntityManager em, ProjectionQueries standings, EligibilityService eligibility, AuditTrail audit) {
        this.em = em;
        this.standings = standings;
        this.eligibility = eligibility;
        this.audit = audit;
    }

    /** The card of an agency grants has heard of (the caller checked). */
    @Transactional
    public ComplianceCard card(String ori) {
        AgencyStanding s = standings.load(ori);
        List<ComplianceCard.ProgramStanding> programs = em.createQuery(
                        "from ProgramEligibility where ori = :ori", ProgramEligibility.class)
                .setParameter("ori", ori).getResultStream()
                .map(row -> em.find(GrantProgram.class, row.grantProgramId))
                .sorted(Comparator.comparing((GrantProgram p) -> p.fiscalYear).reversed().thenComparing(p -> p.name))
                .map(p -> new ComplianceCard.ProgramStanding(p.id, p.name, p.fiscalYear,
                        EligibilityView.of(eligibility.currentForProgram(ori, p))))
                .toList();
        List<ComplianceCard.Award> awards = em.createQuery("from GrantAward where ori = :ori order by awardedAt desc",
                        GrantAward.class).setParameter("ori", ori).getResultStream()
                .map(a -> new ComplianceCard.Award(a.id, a.grantProgramId, a.applicationId, a.amount, a.awardedAt,
                        a.flagged, a.flagReason, a.flaggedAt))
                .toList();
        audit.record("agency-compliance.read", "agency", ori, AuditTrail.SUCCESS);
        return new ComplianceCard(ori, Instant.now().truncatedTo(ChronoUnit.MILLIS), registry(s.agency()),
                credential(s.credential(), s.body()), reporting(s.reporting()), coResponder(s),
                EligibilityView.of(eligibility.current(ori)), programs, awards);
    }

    private static ComplianceCard.Registry registry(AgencyProjection a) {
        return a == null ? null : new ComplianceCard.Registry(a.name, a.agencyType, a.active, a.updatedAt);
    }

    private static ComplianceCard.Credential credential(CredentialProjection c, BodyProjection body) {
        if (c == null) {
            return null;
        }
        List<String> unmet = c.unmetStandards == null || c.unmetStandards.isBlank() ? List.of()
                : Arrays.stream(c.unmetStandards.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        return new ComplianceCard.Credential(c.credentialId, c.status, c.statusSince, c.validUntil, c.reason, unmet,
                c.bodyId, body == null ? null : body.name, body == null ? null : body.status,
                body == null ? null : body.termEnd);
    }

    private static ComplianceCard.Reporting reporting(ReportingProjection r) {
        return r == null ? null : new ComplianceCard.Reporting(r.period, r.status, r.current, r.periodEnd, r.dueDate,
                r.updatedAt);
    }

    private static ComplianceCard.CoResponder coResponder(AgencyStanding s) {
        TrainingProjection t = s.training();
        return new ComplianceCard.CoResponder(s.coResponderPrograms().stream()
                .sorted(Comparator.comparing(p -> p.programId))
                .map(p -> new ComplianceCard.Program(p.programId, p.partnerOrganization, p.model, p.status))
                .toList(),
                t == null ? null : new ComplianceCard.Training(t.trainedOfficers, t.swornOfficers, t.coverage));
    }
}
