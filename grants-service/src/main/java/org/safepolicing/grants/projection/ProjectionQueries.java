package org.safepolicing.grants.eligibility;

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

import org.safepolicing.grants.projection.AgencyProjection;
import org.safepolicing.grants.projection.BodyProjection;
import org.safepolicing.grants.projection.CoResponderProgramProjection;
import org.safepolicing.grants.projection.CredentialProjection;
import org.safepolicing.grants.projection.ReportingProjection;
import org.safepolicing.grants.projection.TrainingProjection;

/** Reads what the projection knows of many agencies at once: one query per table per chunk of agencies. */
@ApplicationScoped
public class StandingLoader {

    private static final int CHUNK = 1_000;
    /** Every agency the projection has heard of, on any topic. */
    private static final String KNOWN_AGENCIES = """
            select ori from agency_projection union select ori from credential_projection
            union select ori from reporting_projection union select ori from coresponder_program_projection
            union select ori from training_projection""";

    private final EntityManager em;

    StandingLoader(EntityManager em) {
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
            throw new org.safepolicing.platform.problem.ProblemException(404, "unknown-agency", "Unknown agency",
                    "grants-service has never heard of agency " + ori + ": no registry entry and no event about it")
                    .with("ori", ori);
        }
    }

    public AgencyStanding load(String ori) {
        return loadAll(List.of(ori)).get(ori);
    }

    /** Every ORI the projection has heard of. */
    @SuppressWarnings("unchecked")
    public List<String> knownAgencies() {
        return ((List<String>) em.createNativeQuery(KNOWN_AGENCIES, String.class).getResultList())
                .stream().sorted().toList();
    }

    /** The standing of each ORI, in the order given (an agency never seen has an empty standing). */
    public Map<String, AgencyStanding> loadAll(Collection<String> oris) {
        Map<String, AgencyStanding> standings = new LinkedHashMap<>();
        List<String> all = List.copyOf(Set.copyOf(oris));
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Map<String, AgencyProjection> agencies = byOri(AgencyProjection.class, chunk, a -> a.ori);
            Map<String, CredentialProjection> credentials = byOri(CredentialProjection.class, chunk, c -> c.ori);
            Map<String, ReportingProjection> reporting = byOri(ReportingProjection.class, chunk, r -> r.ori);
            Map<String, TrainingProjection> training = byOri(TrainingProjection.class, chunk, t -> t.ori);
            Map<String, List<CoResponderProgramProjection>> programs = em.createQuery(
                            "from CoResponderProgramProjection where ori in :oris", CoResponderProgramProjection.class)
                    .setParameter("oris", chunk).getResultStream()
                    .collect(Collectors.groupingBy(p -> p.ori));
            Set<UUID> bodyIds = credentials.values().stream()
                    .flatMap(c -> java.util.stream.Stream.of(c.bodyId, c.earlierBodyId))
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            Map<UUID, BodyProjection> bodies = bodyIds.isEmpty() ? Map.of() : em.createQuery(
                            "from BodyProjection where bodyId in :ids", BodyProjection.class)
                    .setParameter("ids", bodyIds).getResultStream()
                    .collect(Collectors.toMap(b -> b.bodyId, Function.identity()));
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

    private <T> Map<String, T> byOri(Class<T> type, List<String> oris, Function<T, String> ori) {
        Map<String, T> found = new HashMap<>();
        em.createQuery("from " + type.getSimpleName() + " where ori in :oris", type)
                .setParameter("oris", new ArrayList<>(oris)).getResultStream()
                .forEach(row -> found.put(ori.apply(row), row));
        return found;
    }
}
