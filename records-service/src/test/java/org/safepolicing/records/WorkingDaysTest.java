package org.safepolicing.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.safepolicing.records.dispute.WorkingDays;

/** The dispute response due date: 10 federal working days (no weekends, no federal holidays). */
class WorkingDaysTest {

    @Test
    void tenWorkingDaysSkipWeekendsAndThanksgiving() {
        // Mon 2026-11-23 + 10 working days: Thanksgiving (Thu 26) and two weekends skipped
        assertEquals(LocalDate.of(2026, 12, 8), WorkingDays.after(LocalDate.of(2026, 11, 23), 10));
        // a filing on a Friday
        assertEquals(LocalDate.of(2026, 3, 20), WorkingDays.after(LocalDate.of(2026, 3, 6), 10));
        // Christmas 2027 falls on a Saturday: observed Friday 24th
        assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2027, 12, 24)));
        // New Year 2028 is a Saturday: observed Friday 2027-12-31
        assertFalse(WorkingDays.isWorkingDay(LocalDate.of(2027, 12, 31)));
    }
}
