package org.safepolicing.coresponder.training;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A course of the catalog DOJ keeps (seeded with CIT, mental health first aid, de-escalation and others). */
@Entity
@Table(name = "training_course")
public class TrainingCourse {

    @Id
    public String code;

    public String title;

    public int hours;

    @Column(name = "created_at")
    public Instant createdAt;
}
