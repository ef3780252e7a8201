package org.safepolicing.credentialing.publicregistry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.SearchText;
import org.safepolicing.credentialing.agency.Agency;
import org.safepolicing.credentialing.body.CredentialingBody;
import org.safepolicing.credentialing.credential.AgencyCredential;
import org.safepolicing.platform.events.EventsCommitted;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;
import org.safepolicing.platform.web.ReadCache;

/** What anyone may read without signing in: certified bodies and the agencies credentialed today. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublicRegistryService {

    public record CertifiedBody(UUID id, String name, List<String> coveredStandards, String standardsVersion,
                                LocalDate termStart, LocalDate termEnd) {
    }

    public record CredentialedAgency(String ori, String name, AgencyType type, String state, String county, UUID bodyId,
                                     String bodyName, BodyStatus bodyStatus, String standardsVersion, LocalDate validFrom,
                                     LocalDate validUntil) {
    }

    private record BodiesQuery(String text, LocalDate today, int page, int size) {
    }

    private record AgenciesQuery(String text, String state, AgencyType type, UUID bodyId, LocalDate today, int page,
                                 int size) {
    }

    private final EntityManager em;
    /**
     * The two lists are what anyone may ask for at any rate: their answers are kept for
     * {@code credentialing.public-registry.cache-ttl} (5 s) and forgotten when this replica commits a change of the
     * registry or of a credential (stated policy: another replica's change shows within the ttl).
     */
    private final ReadCache<BodiesQuery, Page<CertifiedBody>> bodies;
    private final ReadCache<AgenciesQuery, Page<CredentialedAgency>> agencies;

    PublicRegistryService(EntityManager em,
                          @ConfigProperty(name = "credentialing.public-registry.cache-ttl", defaultValue = "5s") Duration ttl) {
        this.em = em;
        this.bodies = new ReadCache<>(ttl, 1_000);
        this.agencies = new ReadCache<>(ttl, 5_000);
    }

    void registryChanged(@Observes EventsCommitted committed) {
        if (committed.topics().contains(Topics.AGENCY_REGISTRY) || committed.topics().contains(Topics.CREDENTIALING_EVENTS)) {
            bodies.clear();
            agencies.clear();
        }
    }

    public Page<CertifiedBody> certifiedBodies(String text, LocalDate today, PageRequest paging) {
        return bodies.get(new BodiesQuery(text, today, paging.page, paging.size), () -> readCertifiedBodies(text, today, paging));
    }

    public Page<CredentialedAgency> credentialedAgencies(String text, String state, AgencyType type, UUID bodyId,
                                                         LocalDate today, PageRequest paging) {
        return agencies.get(new AgenciesQuery(text, state, type, bodyId, today, paging.page, paging.size),
                () -> readCredentialedAgencies(text, state, type, bodyId, today, paging));
    }

    private Page<CertifiedBody> readCertifiedBodies(String text, LocalDate today, PageRequest paging) {
        String where = " where b.status = :certified and b.termEnd >= :today" + (blank(text) ? "" : " and lower(b.name) like :text" + SearchText.ESCAPE);
        TypedQuery<CredentialingBody> items = em.createQuery("from CredentialingBody b" + where + " order by b.name, b.id",
                CredentialingBody.class);
        TypedQuery<Long> count = em.createQuery("select count(b) from CredentialingBody b" + where, Long.class);
        Map<String, Object> params = new HashMap<>(Map.of("certified", BodyStatus.CERTIFIED, "today", today));
        if (!blank(text)) {
            params.put("text", SearchText.anywhereLowerCase(text));
        }
        params.forEach((k, v) -> {
            items.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<CertifiedBody> page = items.setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList().stream()
                .map(b -> new CertifiedBody(b.id, b.name, List.copyOf(b.coveredStandards), b.standardsVersion, b.termStart, b.termEnd))
                .toList();
        return Page.of(page, paging, count.getSingleResult());
    }

    private Page<CredentialedAgency> readCredentialedAgencies(String text, String state, AgencyType type, UUID bodyId,
                                                              LocalDate today, PageRequest paging) {
        StringBuilder where = new StringBuilder(" where a.ori = c.ori and b.id = c.bodyId and a.active = true"
                + " and c.status = :credentialed and c.supersededBy is null and c.validUntil >= :today");
        Map<String, Object> params = new HashMap<>(Map.of("credentialed", CredentialStatus.CREDENTIALED, "today", today));
        if (!blank(text)) {
            where.append(" and (lower(a.name) like :text" + SearchText.ESCAPE + " or a.ori like :oriPrefix" + SearchText.ESCAPE + ")");
            params.put("text", SearchText.anywhereLowerCase(text));
            params.put("oriPrefix", SearchText.prefixUpperCase(text));
        }
        if (state != null) {
            where.append(" and a.state = :state");
            params.put("state", state);
        }
        if (type != null) {
            where.append(" and a.type = :type");
            params.put("type", type);
        }
        if (bodyId != null) {
            where.append(" and c.bodyId = :body");
            params.put("body", bodyId);
        }
        String from = " from AgencyCredential c, Agency a, CredentialingBody b";
        TypedQuery<Object[]> items = em.createQuery("select c, a, b" + from + where + " order by a.ori", Object[].class);
        TypedQuery<Long> count = em.createQuery("select count(c)" + from + where, Long.class);
        params.forEach((k, v) -> {
            items.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<CredentialedAgency> page = items.setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList().stream()
                .map(r -> {
                    AgencyCredential c = (AgencyCredential) r[0];
                    Agency a = (Agency) r[1];
                    CredentialingBody b = (CredentialingBody) r[2];
                    return new CredentialedAgency(a.ori, a.name, a.type, a.state, a.county, b.id, b.name, b.status,
                            c.standardsVersion, c.validFrom, c.validUntil);
                }).toList();
        return Page.of(page, paging, count.getSingleResult());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
