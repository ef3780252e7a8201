package org.safepolicing.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.contracts.events.EligibilityChanged;
import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.contracts.events.PublicReleasePublished;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.contracts.events.ReportingStatusChanged;
import org.safepolicing.contracts.events.RuleOutcome;
import org.safepolicing.contracts.events.SurveyReportPublished;
import org.safepolicing.contracts.events.TrainingCoverageChanged;

/**
 * Realistic payloads per record, as the producers build them: {@link #FULL} sets every field, {@link #SPARSE} leaves
 * every optional field null (Jackson then writes explicit nulls, which the schemas must accept).
 */
final class SamplePayloads {

    static final String ORI = "VA0290100";
    static final UUID BODY = UUID.fromString("6b0d9a52-3c1e-4f7a-8e2d-5a9b1c3d7e40");
    // nanosecond precision, as Instant.now() gives on Linux
    static final Instant NOW = Instant.parse("2026-10-31T00:00:05.123456789Z");

    static final Map<Class<? extends Record>, Record> FULL = Map.of(
            AgencySnapshot.class, new AgencySnapshot(ORI, "Example County Police Department", AgencyType.LOCAL_MUNICIPAL,
                    "VA", "Example County", 1400, 1_150_000L, "SUBURBAN", true, 3, NOW),
            CredentialingBodyChanged.class, new CredentialingBodyChanged(BODY, "Example Accreditation Commission",
                    BodyStatus.SUSPENDED, BodyStatus.CERTIFIED, List.of("UOF_LAWFUL", "CHOKEHOLD_BAN", "DUTY_TO_INTERVENE"),
                    LocalDate.of(2025, 10, 2), LocalDate.of(2028, 10, 1), "assessments not documented for 2026-Q2", NOW),
            AgencyCredentialChanged.class, new AgencyCredentialChanged(UUID.randomUUID(), ORI, BODY, CredentialStatus.DENIED,
                    CredentialStatus.SOUGHT, "DOJ-2020", LocalDate.of(2026, 1, 15), LocalDate.of(2029, 1, 14),
                    List.of("CHOKEHOLD_BAN"), "the chokehold policy allows chokeholds during arrests", NOW,
                    UUID.fromString("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")),
            ReportingStatusChanged.class, new ReportingStatusChanged(ORI, "2026-Q3", ReportingStatus.DELINQUENT,
                    ReportingStatus.OPEN, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 30), false, NOW),
            PublicReleasePublished.class, new PublicReleasePublished(UUID.randomUUID(), 3,
                    "Misconduct records 2026, by state, category and agency type", 2026, 0.93,
                    "Counts of ACTIVE records; cells of 1 to 10 suppressed with complementary suppression.", NOW),
            CoResponderProgramChanged.class, new CoResponderProgramChanged(UUID.randomUUID(), ORI,
                    "Example Community Services Board", ProgramModel.MOBILE_CRISIS_TEAM, ProgramStatus.ACTIVE,
                    ProgramStatus.PLANNED, NOW),
            TrainingCoverageChanged.class, new TrainingCoverageChanged(ORI, 350, 1400, 0.25, NOW),
            SurveyReportPublished.class, new SurveyReportPublished(UUID.randomUUID(), 2, "2026", 2026, "VA", NOW, List.of(
                    new SurveyReportPublished.RecommendedModel(ProgramModel.MOBILE_CRISIS_TEAM, 1, "EXPAND", "R2-EXPAND",
                            "diversion 86.0% (73.8%-93.1%) above the pooled 71.6%; $1,200 per diverted arrest", 250_000L,
                            40_000L),
                    new SurveyReportPublished.RecommendedModel(ProgramModel.CO_RESPONDER_RIDE_ALONG, 2, "REVIEW",
                            "R3-REVIEW", "diversion 50.0% (35.2%-64.8%) below the pooled 71.6%", -250_000L, null))),
            EligibilityChanged.class, new EligibilityChanged(ORI, UUID.randomUUID(), false, true, List.of(
                    new RuleOutcome("SEC_2B_CREDENTIAL", "PASS", "credential CREDENTIALED by a certified body",
                            UUID.randomUUID().toString(), EventTypes.CREDENTIAL_GRANTED, NOW.minusSeconds(86_400)),
                    new RuleOutcome("SEC_3D_REPORTING", "FAIL", "the report for 2026-Q3 is past due",
                            UUID.randomUUID().toString(), EventTypes.REPORTING_STATUS_CHANGED, NOW)), NOW));

    static final Map<Class<? extends Record>, Record> SPARSE = Map.of(
            AgencySnapshot.class, new AgencySnapshot("AK0010000", "Example Borough Police", AgencyType.TRIBAL, "AK", null,
                    null, null, null, false, 0, NOW),
            CredentialingBodyChanged.class, new CredentialingBodyChanged(BODY, "Example Accreditation Commission",
                    BodyStatus.APPLIED, null, List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"), null, null, null, NOW),
            AgencyCredentialChanged.class, new AgencyCredentialChanged(UUID.randomUUID(), ORI, BODY, CredentialStatus.SOUGHT,
                    null, "DOJ-2020", null, null, null, null, NOW, null),
            ReportingStatusChanged.class, new ReportingStatusChanged(ORI, "2026-Q4", ReportingStatus.OPEN, null,
                    LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 30), true, NOW),
            PublicReleasePublished.class, new PublicReleasePublished(UUID.randomUUID(), 1, "Misconduct records 2025", 2025,
                    0.0, "First release.", NOW),
            CoResponderProgramChanged.class, new CoResponderProgramChanged(UUID.randomUUID(), ORI,
                    "Example Community Services Board", ProgramModel.TELEHEALTH, ProgramStatus.PLANNED, null, NOW),
            TrainingCoverageChanged.class, new TrainingCoverageChanged(ORI, 0, 0, 0.0, NOW),
            SurveyReportPublished.class, new SurveyReportPublished(UUID.randomUUID(), 1, "2025", 2025, null, NOW, List.of(
                    new SurveyReportPublished.RecommendedModel(ProgramModel.TELEHEALTH, 1, "MAINTAIN", "R4-MAINTAIN",
                            "the intervals overlap the pooled rates", null, null))),
            EligibilityChanged.class, new EligibilityChanged(ORI, null, false, false, List.of(
                    new RuleOutcome("SEC_2B_CREDENTIAL", "NOT_APPLICABLE",
                            "Sec. 2(b) conditions grants to State and local agencies; a tribal agency is outside it",
                            null, null, null),
                    new RuleOutcome("SEC_3D_REPORTING", "FAIL", "no reporting standing yet", null, null, null)), NOW));

    private SamplePayloads() {
    }
}
