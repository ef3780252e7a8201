package org.safepolicing.coresponder.capacity;

/**
 * Clinician capacity of an agency or a state: clinician positions of ACTIVE programs (headcount, and full-time
 * equivalents at 40 hours a week) per 100 sworn officers and per 100,000 residents. A ratio is null when its
 * denominator is unknown or 0.
 */
public record Capacity(
        String ori,
        String state,
        String agencyType,
        Integer agencies,
        Long swornOfficers,
        Long populationServed,
        int activePrograms,
        int clinicians,
        int socialWorkers,
        int mentalHealthProfessionals,
        double clinicianFte,
        Double cliniciansPer100Sworn,
        Double cliniciansPer100kResidents,
        Double ftePer100Sworn,
        Double ftePer100kResidents) {

    static final double FULL_TIME_HOURS = 40.0;

    static Capacity of(String ori, String state, String agencyType, Integer agencies, Long sworn, Long population,
                       int programs, int clinicians, int socialWorkers, long weeklyHours) {
        double fte = round(weeklyHours / FULL_TIME_HOURS);
        return new Capacity(ori, state, agencyType, agencies, sworn, population, programs, clinicians, socialWorkers,
                clinicians - socialWorkers, fte,
                ratio(clinicians, sworn, 100), ratio(clinicians, population, 100_000),
                ratio(weeklyHours / FULL_TIME_HOURS, sworn, 100), ratio(weeklyHours / FULL_TIME_HOURS, population, 100_000));
    }

    private static Double ratio(double count, Long denominator, double per) {
        return denominator == null || denominator <= 0 ? null : round(count * per / denominator);
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
