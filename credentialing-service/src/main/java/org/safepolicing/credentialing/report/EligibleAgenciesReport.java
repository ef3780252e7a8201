package org.safepolicing.credentialing.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.credential.TopicFindings;

/**
 * A body's list of agencies eligible under Sec. 2(b) as of a day: those that hold its credential in force or are
 * seeking one, while the body is CERTIFIED (what bodies used to mail to DOJ by January 31). Empty when the body is not.
 */
public record EligibleAgenciesReport(UUID bodyId, String bodyName, BodyStatus bodyStatus, LocalDate termEnd, LocalDate asOf,
                                     int count, List<Entry> agencies) {

    public record Entry(String ori, String name, AgencyType type, String state, String county, UUID credentialId,
                        CredentialStatus status, String standardsVersion, Instant soughtAt, LocalDate validFrom,
                        LocalDate validUntil, TopicFindings topicFindings) {
    }
}
