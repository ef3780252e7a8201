package org.safepolicing.coresponder.program;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One clinician position of a program: what kind, and how many hours a week. Never a name. */
@Embeddable
public class Clinician {

    @Enumerated(EnumType.STRING)
    @Column(name = "clinician_type")
    public ClinicianType type;

    @Column(name = "weekly_hours")
    public int weeklyHours;

    public static Clinician of(ClinicianType type, int weeklyHours) {
        Clinician c = new Clinician();
        c.type = type;
        c.weeklyHours = weeklyHours;
        return c;
    }
}
