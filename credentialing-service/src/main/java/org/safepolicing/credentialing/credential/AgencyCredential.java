package org.safepolicing.credentialing.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.platform.problem.ProblemException;

/**
 * An agency's credential from one credentialing body, from SOUGHT to its end, and the rules of its states.
 *
 * <ul>
 * <li>SOUGHT: EO 13929 Sec. 2(b) counts agencies that "have sought or are in the process of seeking appropriate
 * credentials from a reputable independent credentialing body certified by the Attorney General", so a credential
 * counts from the day it is sought (from a CERTIFIED body: {@code CredentialingBody#checkMayBeSought}).</li>
 * <li>CREDENTIALED or DENIED: the body decides a SOUGHT credential on the two standards the order makes mandatory
 * (Sec. 2(c)(i)-(ii); DOJ's release of 2020-10-28: "The President's Order requires agencies to meet two standards in
 * order to be successfully credentialed"): CREDENTIALED needs both MET, DENIED names those not MET, and the topics the
 * release only "encourage[s]" never decide ({@link DecisionRules}).</li>
 * <li>REVOKED by the body, EXPIRED at the end of its validity, WITHDRAWN by the agency, replaced by a renewal sought
 * before it expires: stated policy (neither the order nor the release sets a validity or an end), as is the validity
 * of {@value #VALIDITY_MONTHS} months.</li>
 * </ul>
 *
 * <p>A refused change is the service's answer as it stands: 409 {@code illegal-transition} naming {@code currentState},
 * or the 409 or 422 of the rule that refuses it.
 */
@Entity
@Table(name = "agency_credential")
public class AgencyCredential {

    /** A credential is valid 36 months from the determination: stated policy (neither the order nor DOJ's release of 2020-10-28 sets a validity). */
    public static final int VALIDITY_MONTHS = 36;

    /** The changes of a credential's status, each with the states it may be taken from. */
    public enum Change {
        GRANT("decide", CredentialStatus.CREDENTIALED, CredentialStatus.SOUGHT),
        DENY("decide", CredentialStatus.DENIED, CredentialStatus.SOUGHT),
        REVOKE("revoke", CredentialStatus.REVOKED, CredentialStatus.CREDENTIALED),
        WITHDRAW("withdraw", CredentialStatus.WITHDRAWN, CredentialStatus.SOUGHT, CredentialStatus.CREDENTIALED),
        EXPIRE("expire", CredentialStatus.EXPIRED, CredentialStatus.CREDENTIALED);

        final String attempted;
        final CredentialStatus to;
        final Set<CredentialStatus> from;

        Change(String attempted, CredentialStatus to, CredentialStatus... from) {
            this.attempted = attempted;
            this.to = to;
            this.from = EnumSet.copyOf(Arrays.asList(from));
        }
    }

    @Id
    public UUID id;

    public String ori;

    @Column(name = "body_id")
    public UUID bodyId;

    @Enumerated(EnumType.STRING)
    public CredentialStatus status;

    @Column(name = "standards_version")
    public String standardsVersion;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    public String reason;

    @Column(name = "affirmed_by")
    public String affirmedBy;

    @Column(name = "affirmed_at")
    public Instant affirmedAt;

    @Column(name = "determination_date")
    public LocalDate determinationDate;

    @Column(name = "decided_by")
    public String decidedBy;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "unmet_standards")
    public List<String> unmetStandards;

    /** The encouraged topics' findings by outcome, recorded when the credential is decided (see {@link TopicFindings}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_met")
    public List<String> topicsMet;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_not_met")
    public List<String> topicsNotMet;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_not_applicable")
    public List<String> topicsNotApplicable;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "topics_not_assessed")
    public List<String> topicsNotAssessed;

    @Column(name = "renewal_of")
    public UUID renewalOf;

    @Column(name = "superseded_by")
    public UUID supersededBy;

    @Column(name = "sought_at")
    public Instant soughtAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** A new credential, SOUGHT by agency {@code ori} from a body under the standards current now (Sec. 2(b)). */
    static AgencyCredential sought(String ori, UUID bodyId, String standardsVersion) {
        AgencyCredential credential = new AgencyCredential();
        credential.id = UUID.randomUUID();
        credential.ori = ori;
        credential.bodyId = bodyId;
        credential.status = CredentialStatus.SOUGHT;
        credential.standardsVersion = standardsVersion;
        credential.soughtAt = Instant.now();
        credential.updatedAt = credential.soughtAt;
        return credential;
    }

    /** The head of the agency affirmed that it seeks the credential: it counts as seeking, and is kept. */
    void affirm(String name, String title, String statement) {
        affirmedBy = name.strip() + ", " + title.strip();
        affirmedAt = soughtAt;
        reason = "head-of-agency affirmation by " + affirmedBy + (statement == null || statement.isBlank() ? "" : ": " + statement.strip());
    }

    /** In force: CREDENTIALED and not replaced by a renewal. */
    public boolean inForce() {
        return status == CredentialStatus.CREDENTIALED && supersededBy == null;
    }

    /** Whether any change leads from the current status to {@code next}. */
    public boolean mayChangeTo(CredentialStatus next) {
        return Arrays.stream(Change.values()).anyMatch(c -> c.to == next && c.from.contains(status));
    }

    /** Whether {@code change} may be taken from the current status. */
    public boolean may(Change change) {
        return change.from.contains(status);
    }

    /** Findings are recorded while the credential is SOUGHT, before its decision. */
    void checkMayBeAssessed() {
        if (status != CredentialStatus.SOUGHT) {
            throw ProblemException.illegalTransition("credential", id, status, "record an assessment");
        }
    }

    /** Only a SOUGHT credential is decided. */
    void checkMayBeDecided() {
        check(Change.GRANT);
    }

    /**
     * The day a decision takes effect: {@code requested}, or {@code today} when none; between the day the credential was
     * sought and today (422 {@code determination-date-out-of-range}).
     */
    LocalDate determinationDate(LocalDate requested, LocalDate today) {
        LocalDate determination = requested == null ? today : requested;
        LocalDate sought = soughtAt.atZone(ZoneOffset.UTC).toLocalDate();
        if (determination.isBefore(sought) || determination.isAfter(today)) {
            throw ProblemException.unprocessable("determination-date-out-of-range",
                    "the determination date must be between the day the credential was sought (" + sought + ") and today (" + today + ")");
        }
        return determination;
    }

    /**
     * The findings allow {@code outcome} (EO 13929 Sec. 2(c)(i)-(ii), DOJ's release of 2020-10-28): both mandatory
     * standards have a finding (422 {@code assessment-incomplete}); CREDENTIALED only while both are MET (422
     * {@code mandatory-standard-not-met}); DENIED only naming one not MET (422 {@code nothing-unmet}: the encouraged
     * topics are reported, never a reason to deny).
     */
    void checkDecision(DecisionOutcome outcome, DecisionRules.Findings findings) {
        if (!findings.mandatoryMissing().isEmpty()) {
            throw ProblemException.unprocessable("assessment-incomplete",
                    "mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) not yet assessed under " + standardsVersion + ": "
                            + findings.mandatoryMissing()).with("missingStandards", findings.mandatoryMissing());
        }
        if (outcome == DecisionOutcome.CREDENTIALED && !findings.mandatoryNotMet().isEmpty()) {
            throw ProblemException.unprocessable("mandatory-standard-not-met",
                    "a credential can never be granted while a mandatory standard (EO 13929 Sec. 2(c)(i)-(ii)) is not MET: "
                            + findings.mandatoryNotMet()).with("unmetStandards", findings.mandatoryNotMet());
        }
        if (outcome == DecisionOutcome.DENIED && findings.mandatoryNotMet().isEmpty()) {
            throw ProblemException.unprocessable("nothing-unmet",
                    "a denial names the mandatory standards (EO 13929 Sec. 2(c)(i)-(ii)) not met, and both are MET; the "
                            + "encouraged topics are reported, never a reason to deny" + (findings.topicsNotMet().isEmpty()
                            ? "" : " (NOT_MET: " + findings.topicsNotMet() + ")"));
        }
    }

    /**
     * SOUGHT → CREDENTIALED, valid {@value #VALIDITY_MONTHS} months from the determination; a renewal's earlier
     * credential must have left "in force" first ({@link #supersede}).
     *
     * @return the previous status
     */
    CredentialStatus grant(LocalDate determination, DecisionRules.Findings findings, String assessor, String givenReason) {
        check(Change.GRANT);
        checkDecision(DecisionOutcome.CREDENTIALED, findings);
        validFrom = determination;
        validUntil = determination.plusMonths(VALIDITY_MONTHS);
        unmetStandards = null;
        return decided(Change.GRANT, determination, findings, assessor, givenReason);
    }

    /**
     * SOUGHT → DENIED, naming the mandatory standards not MET.
     *
     * @return the previous status
     */
    CredentialStatus deny(LocalDate determination, DecisionRules.Findings findings, String assessor, String givenReason) {
        check(Change.DENY);
        checkDecision(DecisionOutcome.DENIED, findings);
        unmetStandards = findings.mandatoryNotMet();
        return decided(Change.DENY, determination, findings, assessor, givenReason);
    }

    private CredentialStatus decided(Change change, LocalDate determination, DecisionRules.Findings findings, String assessor,
                                     String givenReason) {
        topicsMet = findings.topicsMet();
        topicsNotMet = findings.topicsNotMet();
        topicsNotApplicable = findings.topicsNotApplicable();
        topicsNotAssessed = findings.topicsNotAssessed();
        determinationDate = determination;
        decidedBy = assessor;
        String text = givenReason == null || givenReason.isBlank() ? null : givenReason.strip();
        if (!findings.topicsNotMet().isEmpty()) {
            String note = "encouraged topics NOT_MET, reported and not decisive: " + findings.topicsNotMet();
            text = text == null ? note : text + " (" + note + ")";
        }
        if (text != null) {
            reason = text;
        }
        return change(change);
    }

    /**
     * The agency may seek renewal of the credential in force before its validity ends (409 {@code illegal-transition}
     * unless CREDENTIALED, {@code credential-superseded} once renewed, {@code credential-validity-over} after it).
     */
    void checkMayBeRenewed(LocalDate today) {
        if (status != CredentialStatus.CREDENTIALED) {
            throw ProblemException.illegalTransition("credential", id, status, "renew");
        }
        if (supersededBy != null) {
            throw ProblemException.conflict("credential-superseded", "credential " + id + " was already renewed by "
                    + supersededBy).with("currentState", status.name()).with("supersededBy", supersededBy.toString());
        }
        if (validUntil.isBefore(today)) {
            throw ProblemException.conflict("credential-validity-over", "credential " + id + " was valid until "
                    + validUntil + "; seek a new credential").with("currentState", status.name());
        }
    }

    /** A renewal SOUGHT from the same body under the standards current now; this credential stays in force meanwhile. */
    AgencyCredential renewal(String currentStandardsVersion) {
        AgencyCredential renewal = sought(ori, bodyId, currentStandardsVersion);
        renewal.renewalOf = id;
        renewal.reason = "renewal of credential " + id + ", in force until " + validUntil;
        return renewal;
    }

    /** The renewal {@code renewalId} was granted: this credential leaves "in force", with no change of status. */
    void supersede(UUID renewalId) {
        if (!inForce()) {
            throw ProblemException.illegalTransition("credential", id, status, "be replaced by a renewal");
        }
        supersededBy = renewalId;
        updatedAt = Instant.now();
    }

    /**
     * CREDENTIALED → REVOKED by the body, stating why; not once replaced by its renewal.
     *
     * @return the previous status
     */
    CredentialStatus revoke(String why) {
        check(Change.REVOKE);
        refuseSuperseded();
        reason = why.strip();
        return change(Change.REVOKE);
    }

    /**
     * SOUGHT or CREDENTIALED → WITHDRAWN by the agency, the reason optional; not once replaced by its renewal.
     *
     * @return the previous status
     */
    CredentialStatus withdraw(String why) {
        check(Change.WITHDRAW);
        refuseSuperseded();
        reason = why == null || why.isBlank() ? null : why.strip();
        return change(Change.WITHDRAW);
    }

    /**
     * In force and its last valid day before {@code today}: EXPIRED. Otherwise nothing changes, so the job may run
     * twice.
     *
     * @return whether it expired (from CREDENTIALED)
     */
    boolean expire(LocalDate today) {
        if (!inForce() || !validUntil.isBefore(today)) {
            return false;
        }
        reason = "valid until " + validUntil;
        change(Change.EXPIRE);
        return true;
    }

    public AgencyCredentialChanged changed(CredentialStatus previous) {
        return new AgencyCredentialChanged(id, ori, bodyId, status, previous, standardsVersion, validFrom, validUntil,
                unmetStandards == null ? List.of() : List.copyOf(unmetStandards), reason, updatedAt, renewalOf);
    }

    private void check(Change change) {
        if (!may(change)) {
            throw ProblemException.illegalTransition("credential", id, status, change.attempted);
        }
    }

    private CredentialStatus change(Change change) {
        check(change);
        CredentialStatus previous = status;
        status = change.to;
        updatedAt = Instant.now();
        return previous;
    }

    private void refuseSuperseded() {
        if (supersededBy != null) {
            throw ProblemException.conflict("credential-superseded", "credential " + id + " was replaced by its renewal "
                    + supersededBy).with("currentState", status.name()).with("supersededBy", supersededBy.toString());
        }
    }
}
