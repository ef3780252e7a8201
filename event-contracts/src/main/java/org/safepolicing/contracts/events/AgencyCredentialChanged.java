package org.safepolicing.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An agency credential changed state. Key: the agency's ORI, so one agency's credential events stay in order.
 *
 * @param standardsVersion the catalog version the credential is assessed under, e.g. {@code DOJ-2020}
 * @param validFrom        the determination date, when CREDENTIALED
 * @param validUntil       end of validity (36 months from the determination), when CREDENTIALED
 * @param unmetStandards   standard codes not met, when DENIED
 * @param reason           the body's or agency's stated reason, when given
 * @param renewalOf        when this credential renews an earlier one of the same agency, that credential's id: a
 *                         renewal DENIED or WITHDRAWN while the earlier credential is still in force leaves the
 *                         agency credentialed by the earlier one (Sec. 2(b)); null for a first credential
 */
public record AgencyCredentialChanged(
        UUID credentialId,
        String ori,
        UUID bodyId,
        CredentialStatus status,
        CredentialStatus previousStatus,
        String standardsVersion,
        LocalDate validFrom,
        LocalDate validUntil,
        List<String> unmetStandards,
        String reason,
        Instant occurredAt,
        UUID renewalOf) {
}
