package org.safepolicing.records.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When a record's process is final, by the kind of process its category has. Sec. 3(a) of the order asks for a
 * database "accounting for applicable privacy and due process rights"; Sec. 3(b) admits "only ... instances in which
 * law enforcement officers were afforded fair process". What fair process is differs by category:
 * <ul>
 * <li>{@link #AGENCY_DECISION} (TERMINATION, DECERTIFICATION): the officer had notice, an opportunity to respond
 * (or a hearing), a final decision was made, and no appeal is pending.</li>
 * <li>{@link #COURT_JUDGMENT} (CRIMINAL_CONVICTION, CIVIL_JUDGMENT): a court's judgment is the process; it is final
 * on the judgment date once no appeal is pending. The agency's notice and response fields play no part.</li>
 * <li>{@link #NOTICE_AND_RESPONSE} (RESIGNED_ / RETIRED_UNDER_INVESTIGATION): the officer left before any
 * adjudication, so none can ever come; the process is final once the officer had notice and an opportunity to
 * respond. Holding such a record until an adjudication would hold it forever, which Sec. 3(b) ("shall account for
 * instances where a law enforcement officer resigns or retires while under active investigation") rules out.</li>
 * </ul>
 */
public enum FairProcessRule {

    AGENCY_DECISION("notice, an opportunity to respond, a final decision and no pending appeal (Sec. 3(b))"),
    COURT_JUDGMENT("the court's judgment and no pending appeal (Sec. 3(b))"),
    NOTICE_AND_RESPONSE("notice and an opportunity to respond; there is no adjudication after a resignation or"
            + " retirement under investigation (Sec. 3(b))");

    private final String basis;

    FairProcessRule(String basis) {
        this.basis = basis;
    }

    public String basis() {
        return basis;
    }

    public static FairProcessRule of(RecordCategory category) {
        return switch (category) {
            case TERMINATION, DECERTIFICATION -> AGENCY_DECISION;
            case CRIMINAL_CONVICTION, CIVIL_JUDGMENT -> COURT_JUDGMENT;
            case RESIGNED_UNDER_INVESTIGATION, RETIRED_UNDER_INVESTIGATION -> NOTICE_AND_RESPONSE;
        };
    }

    /** The facts the process still lacks, by field name of the request's {@code fairProcess}; empty when final. */
    public List<String> missing(LocalDate noticeDate, LocalDate responseDate, LocalDate finalAdjudicationDate,
                                LocalDate judgmentDate, AppealStatus appealStatus) {
        List<String> missing = new ArrayList<>();
        switch (this) {
            case AGENCY_DECISION -> {
                if (noticeDate == null) {
                    missing.add("noticeDate");
                }
                if (responseDate == null) {
                    missing.add("responseDate");
                }
                if (finalAdjudicationDate == null) {
                    missing.add("finalAdjudicationDate");
                }
                appeal(appealStatus, missing);
            }
            case COURT_JUDGMENT -> {
                if (judgmentDate(finalAdjudicationDate, judgmentDate) == null) {
                    missing.add("judgmentDate");
                }
                appeal(appealStatus, missing);
            }
            case NOTICE_AND_RESPONSE -> {
                if (noticeDate == null) {
                    missing.add("noticeDate");
                }
                if (responseDate == null) {
                    missing.add("responseDate");
                }
            }
        }
        return missing;
    }

    private static void appeal(AppealStatus appealStatus, List<String> missing) {
        if (appealStatus == null || !appealStatus.isFinal()) {
            missing.add("appealStatus");
        }
    }

    /** The court's judgment date: {@code judgmentDate}, or the final adjudication date an agency sent for it. */
    static LocalDate judgmentDate(LocalDate finalAdjudicationDate, LocalDate judgmentDate) {
        return judgmentDate != null ? judgmentDate : finalAdjudicationDate;
    }

    /** The day the process became final: what public statistics count a record's year by. */
    public LocalDate finalOn(LocalDate noticeDate, LocalDate responseDate, LocalDate finalAdjudicationDate,
                             LocalDate judgmentDate) {
        return switch (this) {
            case AGENCY_DECISION -> finalAdjudicationDate;
            case COURT_JUDGMENT -> judgmentDate(finalAdjudicationDate, judgmentDate);
            case NOTICE_AND_RESPONSE -> responseDate == null ? null
                    : noticeDate != null && noticeDate.isAfter(responseDate) ? noticeDate : responseDate;
        };
    }
}
