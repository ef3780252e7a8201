package org.safepolicing.portal.agency;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * An agency's compliance card as grants-service answers it ({@code GET /api/v1/agencies/{ori}/compliance}): the
 * portal shows it and adds only the plain-language names of the order's sections.
 */
@TemplateData
public record Card(String ori, Instant asOf, Registry registry, Credential credential, Reporting reporting,
                  CoResponder coResponder, Eligibility eligibility, List<ProgramStanding> programs, List<Award> awards) {

    /** Each rule code grants-service decides by, with the section of EO 13929 it comes from, in plain words. */
    static final Map<String, String> RULE_NAMES = Map.of(
            "SEC_2B_CREDENTIAL", "Sec. 2(b): credentialed (or seeking it) by a body DOJ certified",
            "SEC_3D_REPORTING", "Sec. 3(d): reporting to the misconduct and use-of-force database",
            "CORESPONDER_PROGRAM", "Sec. 4: a co-responder program with social services",
            "TRAINING_COVERAGE", "Sec. 4: officers trained for encounters with people in need",
            "AGENCY_TYPE", "Program terms: the agency types the program admits");

    public List<ProgramStanding> programs() {
        return programs == null ? List.of() : programs;
    }

    public List<Award> awards() {
        return awards == null ? List.of() : awards;
    }

    @TemplateData
    public record Registry(String name, String agencyType, boolean active, Instant updatedAt) {
    }

    @TemplateData
    public record Credential(String credentialId, String status, Instant statusSince, LocalDate validUntil, String reason,
                             List<String> unmetStandards, String bodyId, String bodyName, String bodyStatus,
                             LocalDate bodyTermEnd) {

        /** A credential the agency may still withdraw (SOUGHT or CREDENTIALED). */
        public boolean isWithdrawable() {
            return "SOUGHT".equals(status) || "CREDENTIALED".equals(status);
        }
    }

    @TemplateData
    public record Reporting(String period, String status, boolean current, LocalDate periodEnd, LocalDate dueDate,
                            Instant updatedAt) {
    }

    @TemplateData
    public record CoResponder(List<Program> programs, Training training) {

        public List<Program> programs() {
            return programs == null ? List.of() : programs;
        }
    }

    @TemplateData
    public record Program(String programId, String partnerOrganization, String model, String status) {
    }

    @TemplateData
    public record Training(int trainedOfficers, int swornOfficers, BigDecimal coverage) {
    }

    @TemplateData
    public record Eligibility(boolean eligible, Instant asOf, List<Rule> rules, List<Remedy> whatMustChange) {

        public List<Rule> rules() {
            return rules == null ? List.of() : rules;
        }

        public List<Remedy> whatMustChange() {
            return whatMustChange == null ? List.of() : whatMustChange;
        }
    }

    @TemplateData
    public record Rule(String rule, String outcome, String reason, DecidedBy decidedBy) {

        public boolean isPassed() {
            return "PASS".equals(outcome);
        }

        /** The section of the order the rule comes from, in words. */
        public String getTitle() {
            return RULE_NAMES.getOrDefault(rule, rule);
        }
    }

    @TemplateData
    public record DecidedBy(String eventId, String eventType, Instant eventTime) {
    }

    @TemplateData
    public record Remedy(String rule, String now, String needed) {

        public String getTitle() {
            return RULE_NAMES.getOrDefault(rule, rule);
        }
    }

    @TemplateData
    public record ProgramStanding(String grantProgramId, String name, int fiscalYear, Eligibility eligibility) {
    }

    @TemplateData
    public record Award(String id, String grantProgramId, BigDecimal amount, Instant awardedAt, boolean flagged,
                        String flagReason, Instant flaggedAt) {
    }
}
