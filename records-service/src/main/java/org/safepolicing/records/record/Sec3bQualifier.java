package org.safepolicing.records.record;

/**
 * Sec. 3(b) admits each category only with its qualifier: "criminal convictions ... for on-duty conduct", "civil
 * judgments ... for improper use of force", and resignations or retirements "while under active investigation
 * related to the use of force". Terminations and de-certifications carry none. The qualifier is a fact the
 * submitter states; a record that does not state it is refused (422 naming the field).
 */
public enum Sec3bQualifier {

    ON_DUTY_CONDUCT("onDutyConduct", "a criminal conviction is tracked only for on-duty conduct (Sec. 3(b))"),
    IMPROPER_USE_OF_FORCE("improperUseOfForce", "a civil judgment is tracked only for improper use of force (Sec. 3(b))"),
    USE_OF_FORCE_INVESTIGATION("useOfForceInvestigation", "a resignation or retirement is tracked only while under"
            + " active investigation related to the use of force (Sec. 3(b))");

    private final String field;
    private final String rule;

    Sec3bQualifier(String field, String rule) {
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    /** The qualifier the category needs, or null when it needs none. */
    public static Sec3bQualifier of(RecordCategory category) {
        return switch (category) {
            case TERMINATION, DECERTIFICATION -> null;
            case CRIMINAL_CONVICTION -> ON_DUTY_CONDUCT;
            case CIVIL_JUDGMENT -> IMPROPER_USE_OF_FORCE;
            case RESIGNED_UNDER_INVESTIGATION, RETIRED_UNDER_INVESTIGATION -> USE_OF_FORCE_INVESTIGATION;
        };
    }

    /** Whether the stated facts meet this qualifier. */
    public boolean metBy(Boolean onDutyConduct, Boolean improperUseOfForce, Boolean useOfForceInvestigation) {
        Boolean value = switch (this) {
            case ON_DUTY_CONDUCT -> onDutyConduct;
            case IMPROPER_USE_OF_FORCE -> improperUseOfForce;
            case USE_OF_FORCE_INVESTIGATION -> useOfForceInvestigation;
        };
        return Boolean.TRUE.equals(value);
    }
}
