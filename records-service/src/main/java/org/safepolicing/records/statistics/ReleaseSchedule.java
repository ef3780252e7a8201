package org.safepolicing.records.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.safepolicing.records.reporting.ReportingConfig;
import org.safepolicing.records.reporting.ReportingPeriod;

/**
 * When public releases are due on their own (Sec. 3(c): the Attorney General "shall regularly and periodically make
 * available to the public aggregated and anonymized data"). The order names no cadence; DOJ's policy here (README,
 * "Public statistics"): a year-to-date release after each configured quarter's reports are due (quarter end +
 * {@code records.reporting.due-days}), and a final annual release of the previous year
 * {@code records.statistics.schedule.annual-delay-days} after its last quarter's reports are due. Only the latest
 * due release of each kind is due (one the service missed while down is superseded by the next), and a year-to-date
 * release of a year whose annual release is due is superseded by it. Nothing is due before the first reporting
 * period ({@code records.reporting.first-period}).
 */
@ApplicationScoped
public class ReleaseSchedule {

    /**
     * One scheduled release: {@code schedule} is its key ({@code 2026-Q2}: year to date through Q2; {@code 2026}: the
     * annual release), due from {@code dueOn}, counting the processes final by {@code through}.
     */
    public record Due(String schedule, StatisticsService.ReleaseKind kind, int year, Integer quarter, LocalDate dueOn,
                      LocalDate through, String title) {
    }

    private final ReportingConfig reporting;
    private final boolean yearToDate;
    private final Set<Integer> quarters;
    private final boolean annual;
    private final int annualDelayDays;

    ReleaseSchedule(ReportingConfig reporting,
                    @ConfigProperty(name = "records.statistics.schedule.year-to-date", defaultValue = "true") boolean yearToDate,
                    @ConfigProperty(name = "records.statistics.schedule.year-to-date-quarters", defaultValue = "1,2,3")
                    List<Integer> quarters,
                    @ConfigProperty(name = "records.statistics.schedule.annual", defaultValue = "true") boolean annual,
                    @ConfigProperty(name = "records.statistics.schedule.annual-delay-days", defaultValue = "30")
                    int annualDelayDays) {
        for (int q : quarters) {
            if (q < 1 || q > 4) {
                throw new IllegalArgumentException("records.statistics.schedule.year-to-date-quarters holds quarters 1 to 4, not " + q);
            }
        }
        if (annualDelayDays < 0) {
            throw new IllegalArgumentException("records.statistics.schedule.annual-delay-days is not negative");
        }
        this.reporting = reporting;
        this.yearToDate = yearToDate;
        this.quarters = new TreeSet<>(quarters);
        this.annual = annual;
        this.annualDelayDays = annualDelayDays;
    }

    /** The scheduled releases due on {@code asOf}, the annual one first (at most one of each kind). */
    public List<Due> due(LocalDate asOf) {
        LocalDate first = ReportingPeriod.parse(reporting.firstPeriod(), reporting.periodMonths()).start();
        int dueDays = reporting.dueDays();
        Due latestYearToDate = null;
        if (yearToDate) {
            for (ReportingPeriod q = ReportingPeriod.containing(first, 3); ; q = q.next()) {
                LocalDate dueOn = q.dueDate(dueDays).plusDays(1);
                if (dueOn.isAfter(asOf)) {
                    break;
                }
                int quarter = (q.start().getMonthValue() - 1) / 3 + 1;
                if (quarters.contains(quarter)) {
                    latestYearToDate = new Due(q.name(), StatisticsService.ReleaseKind.YEAR_TO_DATE, q.start().getYear(),
                            quarter, dueOn, q.end(), "Law enforcement misconduct records, " + q.start().getYear()
                            + " year to date (through Q" + quarter + ")");
                }
            }
        }
        Due latestAnnual = null;
        if (annual) {
            for (int year = first.getYear(); ; year++) {
                LocalDate end = LocalDate.of(year, 12, 31);
                LocalDate dueOn = end.plusDays(dueDays + annualDelayDays + 1L);
                if (dueOn.isAfter(asOf)) {
                    break;
                }
                latestAnnual = new Due(Integer.toString(year), StatisticsService.ReleaseKind.ANNUAL, year, null, dueOn,
                        end, "Law enforcement misconduct records, " + year + " (annual)");
            }
        }
        List<Due> due = new ArrayList<>();
        if (latestAnnual != null) {
            due.add(latestAnnual);
        }
        if (latestYearToDate != null && (latestAnnual == null || latestYearToDate.year() > latestAnnual.year())) {
            due.add(latestYearToDate);
        }
        return due;
    }
}
