package org.safepolicing.grants.projection;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An agency's latest reporting standing (Sec. 3(d)), from records.reporting.v1 (keyed by ORI). */
@Entity
@Table(name = "reporting_projection")
public class ReportingProjection {

    @Id
    public String ori;

    /** The period the latest event concerned, e.g. {@code 2026-Q3}. */
    public String period;

    /** That period's status, as the event spells it. */
    public String status;

    /** Whether records-service counts the agency as current overall (no delinquent period). */
    public boolean current;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Embedded
    public AppliedEvent lastEvent;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
