package org.safepolicing.records.officer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sworn officer: a UUID owned by this service, identified outside it by state + POST certification number. */
@Entity
@Table(name = "officer")
public class Officer {

    @Id
    public UUID id;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "middle_name")
    public String middleName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;

    public String state;

    @Column(name = "certification_number")
    public String certificationNumber;

    @Column(name = "name_normalized")
    public String nameNormalized;

    @Column(name = "last_name_key")
    public String lastNameKey;

    @Column(name = "created_by_ori")
    public String createdByOri;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;
}
