package org.safepolicing.credentialing.body;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.platform.problem.ProblemException;

/**
 * An independent credentialing body and its standing with the Attorney General, and the rules of that standing.
 *
 * <ul>
 * <li>EO 13929 Sec. 2(c): "The Attorney General shall certify independent credentialing bodies that meet standards to be
 * set by the Attorney General"; their reviews "should address" use-of-force and de-escalation policies and training,
 * early warning systems and community engagement, and must "confirm" Sec. 2(c)(i)-(ii). An application is certified
 * only when it states each and confirms ({@link #applicationMissing}).</li>
 * <li>Sec. 2(b): credentials count when sought from a body "certified by the Attorney General", so only a CERTIFIED body
 * is sought from and decides credentials ({@link #checkMayBeSought}, {@link #checkMayDecide}).</li>
 * <li>The term, refusal, suspension, reinstatement and revocation: stated policy (the order names certification only):
 * DOJ certifies for a term, may refuse an application, suspend and reinstate a certified body, revoke it for good; a
 * term that ends expires the body until DOJ certifies it again.</li>
 * </ul>
 *
 * <p>A refused change is the service's answer as it stands: 409 {@code illegal-transition} naming {@code currentState},
 * or the 422 of the rule that refuses it.
 */
@Entity
@Table(name = "credentialing_body")
public class CredentialingBody {

    /** DOJ's decisions on a body and the end of its term, each with the standings it may be taken from. */
    public enum Change {
        CERTIFY("certify", BodyStatus.CERTIFIED, BodyStatus.APPLIED, BodyStatus.EXPIRED),
        REFUSE("refuse", BodyStatus.REFUSED, BodyStatus.APPLIED),
        SUSPEND("suspend", BodyStatus.SUSPENDED, BodyStatus.CERTIFIED),
        REINSTATE("reinstate", BodyStatus.CERTIFIED, BodyStatus.SUSPENDED),
        REVOKE("revoke", BodyStatus.REVOKED, BodyStatus.CERTIFIED, BodyStatus.SUSPENDED),
        END_TERM("end the term of", BodyStatus.EXPIRED, BodyStatus.CERTIFIED, BodyStatus.SUSPENDED);

        final String attempted;
        final BodyStatus to;
        final Set<BodyStatus> from;

        Change(String attempted, BodyStatus to, BodyStatus... from) {
            this.attempted = attempted;
            this.to = to;
            this.from = EnumSet.copyOf(Arrays.asList(from));
        }
    }

    @Id
    public UUID id;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "covered_standards")
    public List<String> coveredStandards;

    @Enumerated(EnumType.STRING)
    public BodyStatus status;

    @Column(name = "standards_version")
    public String standardsVersion;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "term_start")
    public LocalDate termStart;

    @Column(name = "term_end")
    public LocalDate termEnd;

    @Column(name = "addresses_use_of_force")
    public String addressesUseOfForce;

    @Column(name = "addresses_de_escalation")
    public String addressesDeEscalation;

    @Column(name = "addresses_early_warning")
    public String addressesEarlyWarning;

    @Column(name = "addresses_community_engagement")
    public String addressesCommunityEngagement;

    @Column(name = "confirms_mandatory_standards")
    public Boolean confirmsMandatoryStandards;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * What the application lacks for DOJ to certify the body (EO 13929 Sec. 2(c)): a statement for each topic the
     * order names, and the confirmation that the body will check Sec. 2(c)(i)-(ii). Empty when complete.
     */
    public List<String> applicationMissing() {
        List<String> missing = new ArrayList<>();
        if (blank(addressesUseOfForce)) {
            missing.add("addresses.useOfForcePoliciesAndTraining");
        }
        if (blank(addressesDeEscalation)) {
            missing.add("addresses.deEscalationPoliciesAndTraining");
        }
        if (blank(addressesEarlyWarning)) {
            missing.add("addresses.earlyWarningSystems");
        }
        if (blank(addressesCommunityEngagement)) {
            missing.add("addresses.communityEngagement");
        }
        if (!Boolean.TRUE.equals(confirmsMandatoryStandards)) {
            missing.add("confirmsMandatoryStandards");
        }
        return missing;
    }

    public boolean certified() {
        return status == BodyStatus.CERTIFIED;
    }

    /** Whether any change leads from the current standing to {@code next}. */
    public boolean mayChangeTo(BodyStatus next) {
        return Arrays.stream(Change.values()).anyMatch(c -> c.to == next && c.from.contains(status));
    }

    /** Whether {@code change} may be taken from the current standing. */
    public boolean may(Change change) {
        return change.from.contains(status);
    }

    /**
     * APPLIED or EXPIRED → CERTIFIED for {@code termMonths} from {@code termStart} (today when none), when the application
     * is complete (422 {@code application-incomplete}, Sec. 2(c)) and the term has not already ended (422
     * {@code term-already-over}).
     *
     * @return the previous standing
     */
    public BodyStatus certify(LocalDate termStart, int termMonths, LocalDate today) {
        check(Change.CERTIFY);
        // EO 13929 Sec. 2(c): DOJ certifies bodies "that meet standards": their reviews address the topics the order
        // names, and they confirm Sec. 2(c)(i)-(ii) (stated policy: a statement per topic and the confirmation)
        List<String> missing = applicationMissing();
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("application-incomplete", "EO 13929 Sec. 2(c): the application of body " + id
                    + " does not state how its reviews address every topic the order names, or does not confirm it will check "
                    + "Sec. 2(c)(i)-(ii); missing " + missing).with("missing", missing);
        }
        LocalDate start = termStart == null ? today : termStart;
        LocalDate end = start.plusMonths(termMonths).minusDays(1);
        if (end.isBefore(today)) {
            throw ProblemException.unprocessable("term-already-over", "a term from " + start + " of "
                    + termMonths + " month(s) ended on " + end);
        }
        this.termStart = start;
        this.termEnd = end;
        return change(Change.CERTIFY, null);
    }

    /**
     * APPLIED → REFUSED, stating why.
     *
     * @return the previous standing
     */
    public BodyStatus refuse(String reason) {
        return change(Change.REFUSE, reason.strip());
    }

    /**
     * CERTIFIED → SUSPENDED, stating why. Its agencies' credentials stay as they are.
     *
     * @return the previous standing
     */
    public BodyStatus suspend(String reason) {
        return change(Change.SUSPEND, reason.strip());
    }

    /**
     * SUSPENDED → CERTIFIED, within the same term.
     *
     * @return the previous standing
     */
    public BodyStatus reinstate() {
        return change(Change.REINSTATE, null);
    }

    /**
     * CERTIFIED or SUSPENDED → REVOKED for good, stating why.
     *
     * @return the previous standing
     */
    public BodyStatus revoke(String reason) {
        return change(Change.REVOKE, reason.strip());
    }

    /**
     * CERTIFIED or SUSPENDED with a term that ended before {@code today}: EXPIRED. Otherwise nothing changes, so the job
     * may run twice.
     *
     * @return whether the term ended here
     */
    public boolean endTerm(LocalDate today) {
        if (!may(Change.END_TERM) || termEnd == null || !termEnd.isBefore(today)) {
            return false;
        }
        change(Change.END_TERM, "certification term ended on " + termEnd);
        return true;
    }

    /** A credential is sought only from a CERTIFIED body (Sec. 2(b)): 422 {@code body-not-certified} otherwise. */
    public void checkMayBeSought() {
        if (!certified()) {
            throw ProblemException.unprocessable("body-not-certified",
                    "credentialing body " + id + " is " + status + "; a credential can only be sought from a CERTIFIED body")
                    .with("bodyStatus", status.name());
        }
    }

    /** Only a CERTIFIED body decides credentials (Sec. 2(b)): 422 {@code body-not-certified} otherwise. */
    public void checkMayDecide() {
        if (!certified()) {
            throw ProblemException.unprocessable("body-not-certified", "credentialing body " + id + " is " + status
                    + "; only a CERTIFIED body decides credentials").with("bodyStatus", status.name());
        }
    }

    public CredentialingBodyChanged changed(BodyStatus previous) {
        return new CredentialingBodyChanged(id, name, status, previous, List.copyOf(coveredStandards), termStart, termEnd,
                statusReason, updatedAt);
    }

    private void check(Change change) {
        if (!may(change)) {
            throw ProblemException.illegalTransition("credentialing body", id, status, change.attempted);
        }
    }

    /** Takes {@code change} with the reason it states (none: null), or refuses it as {@link #check} does. */
    private BodyStatus change(Change change, String reason) {
        check(change);
        BodyStatus previous = status;
        status = change.to;
        statusReason = reason;
        updatedAt = Instant.now();
        return previous;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
