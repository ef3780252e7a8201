package org.safepolicing.grants.projection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.platform.events.EventInbox;
import org.safepolicing.platform.events.InboundEvent;

/**
 * Applies credentialing.events.v1 to the body and credential projections: a credential event re-decides its agency,
 * a body event every agency whose latest credential names the body.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CredentialingProjector {

    private static final Logger LOG = Logger.getLogger(CredentialingProjector.class);

    private final EntityManager em;
    private final EventInbox inbox;
    private final ProjectionLock lock;
    private final AgencyDecisions eligibility;

    CredentialingProjector(EntityManager em, EventInbox inbox, ProjectionLock lock, AgencyDecisions eligibility) {
        this.em = em;
        this.inbox = inbox;
        this.lock = lock;
        this.eligibility = eligibility;
    }

    public void apply(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.BODY_APPLIED, EventTypes.BODY_CERTIFIED, EventTypes.BODY_REFUSED, EventTypes.BODY_SUSPENDED,
                 EventTypes.BODY_REINSTATED, EventTypes.BODY_REVOKED, EventTypes.BODY_TERM_EXPIRED -> projectBody(event);
            case EventTypes.CREDENTIAL_SOUGHT, EventTypes.CREDENTIAL_GRANTED, EventTypes.CREDENTIAL_DENIED,
                 EventTypes.CREDENTIAL_REVOKED, EventTypes.CREDENTIAL_EXPIRED, EventTypes.CREDENTIAL_WITHDRAWN,
                 EventTypes.CREDENTIAL_RENEWED -> projectCredential(event);
            default -> LOG.debugf("event %s of type %s is not one grants uses; recorded and skipped", event.id(), event.type());
        }
    }

    private void projectBody(InboundEvent event) {
        CredentialingBodyChanged change = inbox.data(event, CredentialingBodyChanged.class);
        UUID bodyId = PayloadChecks.required(event, "bodyId", change.bodyId());
        String status = PayloadChecks.requiredText(event, "status");
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, bodyId.toString());

        lock.forAll();
        BodyProjection body = em.find(BodyProjection.class, bodyId);
        if (body != null && !body.lastEvent.precedes(sequence)) {
            LOG.debugf("event %s (sequence %d) for body %s is not newer than sequence %d; ignored", event.id(), sequence,
                    bodyId, body.lastEvent.sequence);
            return;
        }
        boolean first = body == null;
        if (first) {
            body = new BodyProjection();
            body.bodyId = bodyId;
        }
        body.name = change.name();
        body.status = status;
        body.termEnd = change.termEnd();
        body.reason = change.reason();
        body.lastEvent = AppliedEvent.of(event, sequence);
        body.updatedAt = Instant.now();
        if (first) {
            em.persist(body); // after the fields are set: the insert takes the state at persist time
        }
        eligibility.decideForBody(bodyId, AppliedEvent.effectiveTime(event));
    }

    /** Whether an event with {@code sequence} comes after every event applied to the agency's credential row. */
    private static boolean newer(CredentialProjection credential, long sequence) {
        return credential.lastEvent.precedes(sequence)
                && (credential.earlierEvent == null || credential.earlierEvent.precedes(sequence));
    }

    private void projectCredential(InboundEvent event) {
        AgencyCredentialChanged change = inbox.data(event, AgencyCredentialChanged.class);
        String ori = PayloadChecks.ori(event, change.ori());
        UUID credentialId = PayloadChecks.required(event, "credentialId", change.credentialId());
        UUID bodyId = PayloadChecks.required(event, "bodyId", change.bodyId());
        String status = PayloadChecks.requiredText(event, "status");
        long sequence = PayloadChecks.sequence(event);
        PayloadChecks.keyIs(event, ori);

        lock.forAgency(ori);
        CredentialProjection credential = em.find(CredentialProjection.class, ori);
        if (credential != null && !newer(credential, sequence)) {
            LOG.debugf("event %s (sequence %d) for agency %s's credential is not newer than sequence %d; ignored",
                    event.id(), sequence, ori, credential.lastEvent.sequence);
            return;
        }
        Instant since = change.occurredAt() != null ? change.occurredAt() : event.time();
        since = since == null ? null : since.truncatedTo(ChronoUnit.MICROS);
        boolean first = credential == null;
        if (first) {
            credential = new CredentialProjection();
            credential.ori = ori;
        } else if (credential.hasEarlier() && credentialId.equals(credential.earlierCredentialId)
                && !credentialId.equals(credential.credentialId)) {
            // the credential a renewal renews changed (it expired, was revoked...): Sec. 2(b) counts it only while
            // it is in force, so the change is kept beside the renewal, which stays the latest credential
            credential.earlierBodyId = bodyId;
            credential.earlierStatus = status;
            credential.earlierValidUntil = change.validUntil() != null ? change.validUntil() : credential.earlierValidUntil;
            credential.earlierStatusSince = since;
            credential.earlierEvent = AppliedEvent.of(event, sequence);
            credential.updatedAt = Instant.now();
            eligibility.decideForAgency(ori, AppliedEvent.effectiveTime(event));
            return;
        } else if (!credentialId.equals(credential.credentialId)) {
            UUID renewalOf = change.renewalOf();
            if (renewalOf != null && renewalOf.equals(credential.credentialId)) {
                credential.keepAsEarlier(); // a renewal of the latest credential: the latest becomes the earlier one
            } else if (renewalOf == null || !renewalOf.equals(credential.earlierCredentialId)) {
                credential.forgetEarlier(); // a credential that renews nothing the projection knows
            } // else: another renewal of the same earlier credential, which stays
        }
        credential.credentialId = credentialId;
        credential.bodyId = bodyId;
        credential.status = status;
        credential.validUntil = change.validUntil();
        credential.unmetStandards = change.unmetStandards() == null || change.unmetStandards().isEmpty()
                ? null : String.join(", ", change.unmetStandards());
        credential.reason = change.reason();
        credential.statusSince = since;
        credential.lastEvent = AppliedEvent.of(event, sequence);
        credential.updatedAt = Instant.now();
        if (first) {
            em.persist(credential); // after the fields are set: the insert takes the state at persist time
        }
        eligibility.decideForAgency(ori, AppliedEvent.effectiveTime(event));
    }
}
