package org.safepolicing.records.officer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An officer with their employment history by ORI. */
public record OfficerView(UUID id, String state, String certificationNumber, String firstName, String middleName,
                          String lastName, LocalDate dateOfBirth, List<EmploymentView> employment) {

    public record EmploymentView(String ori, String position, LocalDate startDate, LocalDate endDate) {
    }

    public static OfficerView of(Officer o, List<EmploymentView> employment) {
        return new OfficerView(o.id, o.state, o.certificationNumber, o.firstName, o.middleName, o.lastName, o.dateOfBirth,
                employment);
    }
}
