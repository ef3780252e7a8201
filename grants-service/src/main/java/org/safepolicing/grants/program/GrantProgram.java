package org.safepolicing.grants.program;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A DOJ grant program: its Sec. 5 area, fiscal year, appropriation, application window and eligibility terms. */
@Entity
@Table(name = "grant_program")
public class GrantProgram {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public GrantArea area;

    @Column(name = "fiscal_year")
    public int fiscalYear;

    /** The most the program may award in all, in US dollars. */
    public BigDecimal appropriation;

    @Column(name = "application_opens")
    public LocalDate applicationOpens;

    @Column(name = "application_closes")
    public LocalDate applicationCloses;

    /** AgencyType names, comma separated; empty when every type may apply. */
    @Column(name = "allowed_agency_types")
    public String allowedAgencyTypes;

    /** Rule codes, comma separated. */
    public String rules;

    /** 0..1, for the TRAINING_COVERAGE rule. */
    @Column(name = "minimum_training_coverage")
    public BigDecimal minimumTrainingCoverage;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> ruleCodes() {
        return split(rules);
    }

    public List<String> agencyTypes() {
        return split(allowedAgencyTypes);
    }

    /** True when only some agency types may apply, so the AGENCY_TYPE rule applies. */
    public boolean restrictsAgencyTypes() {
        return !agencyTypes().isEmpty();
    }

    public boolean openOn(LocalDate day) {
        return !day.isBefore(applicationOpens) && !day.isAfter(applicationCloses);
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::trim).toList();
    }
}
