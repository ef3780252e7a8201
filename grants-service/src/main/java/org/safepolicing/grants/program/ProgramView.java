package org.safepolicing.grants.program;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A grant program with what it has awarded so far. Money is US dollars with two decimals. */
@Schema(name = "GrantProgram")
public record ProgramView(
        UUID id,
        String name,
        GrantArea area,
        int fiscalYear,
        BigDecimal appropriation,
        @Schema(description = "sum of the program's awards") BigDecimal awarded,
        @Schema(description = "appropriation minus awarded") BigDecimal remaining,
        LocalDate applicationOpens,
        LocalDate applicationCloses,
        @Schema(description = "empty: every agency type") List<String> allowedAgencyTypes,
        List<String> rules,
        BigDecimal minimumTrainingCoverage,
        Instant createdAt,
        Instant updatedAt) {

    public static ProgramView of(GrantProgram p, BigDecimal awarded) {
        return new ProgramView(p.id, p.name, p.area, p.fiscalYear, p.appropriation, awarded.setScale(2),
                p.appropriation.subtract(awarded).setScale(2), p.applicationOpens, p.applicationCloses, p.agencyTypes(),
                p.ruleCodes(), p.minimumTrainingCoverage, p.createdAt, p.updatedAt);
    }
}
