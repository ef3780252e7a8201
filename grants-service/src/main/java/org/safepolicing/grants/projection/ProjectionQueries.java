package org.safepolicing.grants.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.safepolicing.platform.problem.ProblemException;

/**
 * The one way to read the projection: what it knows of agencies (their standing, the input of every eligibility rule;
 * many agencies at once, one query per table per chunk of agencies), which agencies a body's standing concerns, and
 * HHS's survey reports. Nothing outside this package reads the projection's tables.
 */
@ApplicationScoped
public class ProjectionQueries {

    private static final int CHUNK = 1_000;
    /** Every agency the projection has heard of, on any topic. */
    private static final String KNOWN_AGENCIES = """
            select ori from agency_projection union select ori from credential_projection
            union select ori from reporting_projection union select ori from coresponder_program_projection
            union select ori from training_projection""";

    private final EntityManager em;

    ProjectionQueries(EntityManager em) {
        this.em = em;
    }

    /**
     * Whether grants has heard of the agency at all: a registry entry or any event about it on a consumed topic
     * (the agencies {@link #knownAgencies()} lists). One index look-up per table.
     */
    public boolean known(String ori) {
        return !em.createNativeQuery("""
                        select 1 where exists (select 1 from agency_projection where ori = ?1)
                        or exists (select 1 from credential_projection where ori = ?1)
                        or exists (select 1 from reporting_projection where ori = ?1)
                        or exists (select 1 from coresponder_program_projection where ori = ?1)
                        or exists (select 1 from training_projection where ori = ?1)""")
                .setParameter(1, ori).getResultList().isEmpty();
    }

    /** 404 {@code unknown-agency} for an ORI grants has never heard of: no registry entry and no event about it. */
    public void requireKnown(String ori) {
        if (!known(ori)) {
            throw new ProblemException(404, "unknown-agency", "Unknown agency",
                    "grants-service has never heard of agency " + ori + ": no registry entry and no event about it")
                    .with("ori", ori);
        }
    }

    public AgencyStanding load(String ori) {
        return loadAll(List.of(ori)).get(ori);
    }

    /**
     * Every ORI the projection has heard of. A native query without a result class: with one, Hibernate 7.x caches a
     * new plan at every call under one key (records-service's ReportingService.markPastDue says more).
     */
    @SuppressWarnings("unchecked")
    public List<String> knownAgencies() {
        return ((List<String>) em.createNativeQuery(KNOWN_AGENCIES).getResultList())
                .stream().sorted().toList();
    }

    /** The standing of each ORI, in the order given (an agency never seen has an empty standing). */
    public Map<String, AgencyStanding> loadAll(Collection<String> oris) {
        Map<String, AgencyStanding> standings = new LinkedHashMap<>();
        List<String> all = List.copyOf(Set.copyOf(oris));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Map<String, AgencyProjection> agencies = byId(AgencyProjection.class, chunk, a -> a.ori);
            Map<String, CredentialProjection> credentials = byId(CredentialProjection.class, chunk, c -> c.ori);
            Map<String, ReportingProjection> reporting = byId(ReportingProjection.class, chunk, r -> r.ori);
            Map<String, TrainingProjection> training = byId(TrainingProjection.class, chunk, t -> t.ori);
            Map<String, List<CoResponderProgramProjection>> programs = em.createQuery(
                            "from CoResponderProgramProjection where ori in :oris", CoResponderProgramProjection.class)
                    .setParameter("oris", chunk).getResultStream()
                    .collect(Collectors.groupingBy(p -> p.ori));
            Set<UUID> bodyIds = credentials.values().stream()
                    .flatMap(c -> java.util.stream.Stream.of(c.bodyId, c.earlierBodyId))
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            Map<UUID, BodyProjection> bodies = bodyIds.isEmpty() ? Map.of()
                    : byId(BodyProjection.class, List.copyOf(bodyIds), b -> b.bodyId);
            for (String ori : chunk) {
                CredentialProjection credential = credentials.get(ori);
                standings.put(ori, new AgencyStanding(ori, agencies.get(ori), credential,
                        credential == null ? null : bodies.get(credential.bodyId), reporting.get(ori),
                        programs.getOrDefault(ori, List.of()), training.get(ori),
                        credential == null || credential.earlierBodyId == null ? null
                                : bodies.get(credential.earlierBodyId)));
            }
        }
        Map<String, AgencyStanding> ordered = new LinkedHashMap<>();
        for (String ori : oris) {
            ordered.put(ori, standings.get(ori));
        }
        return ordered;
    }

    /** Every agency whose latest credential, or the earlier credential it renews, names the body. */
    public List<String> agenciesRelyingOn(UUID bodyId) {
        return em.createQuery("select c.ori from CredentialProjection c where c.bodyId = :bodyId or c.earlierBodyId = :bodyId",
                String.class).setParameter("bodyId", bodyId).getResultList();
    }

    /**
     * The national survey report (state null) that ranks a program of {@code fiscalYear}: of the highest report year
     * not after it, the highest version, then the latest published, then the lowest id; null when there is none.
     */
    public SurveyReportProjection latestNationalSurveyReport(int fiscalYear) {
        return em.createQuery("from SurveyReportProjection r where r.state is null and r.year <= :fy"
                                + " order by r.year desc, r.version desc, r.publishedAt desc, r.reportId",
                        SurveyReportProjection.class)
                .setParameter("fy", fiscalYear).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /** The co-responder programs of the agencies, by agency, each agency's in program id order. */
    public Map<String, List<CoResponderProgramProjection>> coResponderProgramsOf(Collection<String> oris) {
        Map<String, List<CoResponderProgramProjection>> programs = new HashMap<>();
        List<String> all = List.copyOf(Set.copyOf(oris));
        for (int from = 0; from < all.size(); from += CHUNK) {
            em.createQuery("from CoResponderProgramProjection c where c.ori in :oris order by c.programId",
                            CoResponderProgramProjection.class)
                    .setParameter("oris", all.subList(from, Math.min(all.size(), from + CHUNK))).getResultStream()
                    .forEach(c -> programs.computeIfAbsent(c.ori, ori -> new ArrayList<>()).add(c));
        }
        return programs;
    }

    /**
     * The rows of these ids: Hibernate's {@code findMultiple}, which takes what the session already holds (rows this
     * transaction wrote and has not flushed among them) and reads the rest in one statement by an id array. An HQL
     * {@code in :ids} was translated anew on every call and first flushed the session: a fifth of grants' CPU while it
     * consumed the bench's 20,000-agency import (196 of 1,000 JFR samples).
     */
    private <K, T> Map<K, T> byId(Class<T> type, List<K> ids, Function<T, K> id) {
        Map<K, T> found = new HashMap<>();
        for (T row : em.unwrap(Session.class).findMultiple(type, ids)) {
            if (row != null) {
                found.put(id.apply(row), row);
            }
        }
        return found;
    }
}
