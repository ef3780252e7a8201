package org.safepolicing.credentialing.report;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.body.CredentialingBody;
import org.safepolicing.credentialing.credential.AgencyCredential;

/**
 * On which days a credential counted under Sec. 2(b) of EO 13929 ("sought or are in the process of seeking"), and on
 * which days a body stood certified, read from the dates each one keeps (stated policy, since the service keeps no
 * day-by-day history): a credential counts from the day it was sought; a DENIED one until the day before its
 * determination; a CREDENTIALED one until its validUntil (a renewed one until the day before it was replaced); a REVOKED
 * or WITHDRAWN one until the day before that change; an EXPIRED one until its validUntil. A body stands from its term's
 * start to its end; a body no longer CERTIFIED until the day before its last change. Dates are UTC days, inclusive.
 */
final class EligibilityWindow {

    static final LocalDate OPEN = LocalDate.MAX;

    static LocalDate credentialFrom(AgencyCredential c) {
        return c.soughtAt.atZone(ZoneOffset.UTC).toLocalDate();
    }

    static LocalDate credentialUntil(AgencyCredential c) {
        LocalDate changed = c.updatedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (c.status) {
            case SOUGHT -> OPEN;
            case CREDENTIALED -> c.supersededBy == null ? c.validUntil : min(c.validUntil, changed.minusDays(1));
            case DENIED -> (c.determinationDate == null ? changed : c.determinationDate).minusDays(1);
            case EXPIRED -> c.validUntil == null ? changed.minusDays(1) : c.validUntil;
            default -> changed.minusDays(1); // REVOKED, WITHDRAWN
        };
    }

    /** The credential's status on a day it counted: CREDENTIALED once valid, SOUGHT before. */
    static CredentialStatus statusOn(AgencyCredential c, LocalDate day) {
        return c.validFrom != null && !day.isBefore(c.validFrom) ? CredentialStatus.CREDENTIALED : CredentialStatus.SOUGHT;
    }

    static LocalDate bodyFrom(CredentialingBody b) {
        return b.termStart;
    }

    static LocalDate bodyUntil(CredentialingBody b) {
        if (b.termStart == null || b.termEnd == null) {
            return null;
        }
        if (b.status == BodyStatus.CERTIFIED) {
            return b.termEnd;
        }
        return min(b.termEnd, b.updatedAt.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1));
    }

    /** The last day in [from, to] on which both counted, or null if none. */
    static LocalDate lastCommonDay(AgencyCredential c, CredentialingBody b, LocalDate from, LocalDate to) {
        LocalDate bodyUntil = bodyUntil(b);
        if (bodyUntil == null) {
            return null;
        }
        LocalDate start = max(max(credentialFrom(c), bodyFrom(b)), from);
        LocalDate end = min(min(credentialUntil(c), bodyUntil), to);
        return start.isAfter(end) ? null : end;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private EligibilityWindow() {
    }
}
