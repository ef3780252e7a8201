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
 * A body's list of agencies eligible under Sec. 2(b) of EO 13929 ("sought or are in the process of seeking"): those that
 * held its credential in force or were seeking one while the body stood certified, on the day {@code asOf} (the live
 * view, {@code year} null) or on any day of {@code year} from {@code from} to {@code asOf} (the year's list: live until
 * DOJ closes the year, then the frozen snapshot, {@code closed} with {@code closedAt}/{@code closedBy}). An entry's
 * {@code status} is the credential's status on the last day it counted within the period.
 */
public record EligibleAgenciesReport(UUID bodyId, String bodyName, BodyStatus bodyStatus, LocalDate termEnd, Integer year,
                                     LocalDate from, LocalDate asOf, boolean closed, Instant closedAt, String closedBy, int count,
                                     List<Entry> agencies) {

    public record Entry(String ori, String name, AgencyType type, String state, String county, UUID credentialId,
                        CredentialStatus status, String standardsVersion, Instant soughtAt, LocalDate validFrom,
                        LocalDate validUntil, TopicFindings topicFindings) {
    }
}
