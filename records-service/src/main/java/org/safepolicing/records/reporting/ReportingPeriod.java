package org.safepolicing.records.reporting;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safepolicing.platform.problem.ProblemException;

/**
 * One reporting period. Names: {@code 2026-Q3} (3 months), {@code 2026-H2} (6), {@code 2026} (12),
 * {@code 2026-07} (1).
 */
public record ReportingPeriod(String name, LocalDate start, LocalDate end, int months) {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static ReportingPeriod containing(LocalDate day, int months) {
        int index = (day.getMonthValue() - 1) / months;
        LocalDate start = LocalDate.of(day.getYear(), index * months + 1, 1);
        return of(start, months);
    }

    static ReportingPeriod of(LocalDate start, int months) {
        LocalDate end = YearMonth.from(start).plusMonths(months - 1L).atEndOfMonth();
        int index = (start.getMonthValue() - 1) / months + 1;
        String name = switch (months) {
            case 3 -> start.getYear() + "-Q" + index;
            case 6 -> start.getYear() + "-H" + index;
            case 12 -> Integer.toString(start.getYear());
            case 1 -> YearMonth.from(start).toString();
            default -> throw new IllegalArgumentException("a reporting period is 1, 3, 6 or 12 months, not " + months);
        };
        return new ReportingPeriod(name, start, end, months);
    }

    /** Parses a period name of the configured length; a name of another shape is a 400. */
    public static ReportingPeriod parse(String name, int months) {
        Pattern shape = switch (months) {
            case 3 -> QUARTER;
            case 6 -> HALF;
            case 12 -> YEAR;
            case 1 -> MONTH;
            default -> throw new IllegalArgumentException("a reporting period is 1, 3, 6 or 12 months, not " + months);
        };
        Matcher m = name == null ? null : shape.matcher(name.strip());
        if (m == null || !m.matches()) {
            throw ProblemException.badRequest("period '" + name + "' is not a period of " + months
                    + " month(s); e.g. " + containing(LocalDate.of(2026, 7, 1), months).name());
        }
        int year = Integer.parseInt(m.group(1));
        int month = months == 12 ? 1 : months == 1 ? Integer.parseInt(m.group(2)) : (Integer.parseInt(m.group(2)) - 1) * months + 1;
        return of(LocalDate.of(year, month, 1), months);
    }

    public ReportingPeriod next() {
        return of(start.plusMonths(months), months);
    }

    public LocalDate dueDate(int dueDays) {
        return end.plusDays(dueDays);
    }
}
