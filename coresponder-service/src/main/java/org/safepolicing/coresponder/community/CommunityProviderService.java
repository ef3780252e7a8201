package org.safepolicing.coresponder.community;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.Problem;
import org.safepolicing.platform.problem.ProblemException;
import org.safepolicing.platform.security.Caller;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

/** Community providers: registration (audited) and reads. */
@ApplicationScoped
@Transactional
public class CommunityProviderService {

    private final EntityManager em;
    private final AuditTrail audit;
    private final Caller caller;

    CommunityProviderService(EntityManager em, AuditTrail audit, Caller caller) {
        this.em = em;
        this.audit = audit;
        this.caller = caller;
    }

    public CommunityProvider register(CommunityRequests.Register request) {
        String county = request.county() == null || request.county().isBlank() ? null : request.county().strip();
        if (request.kind() == ProviderKind.COUNTY_HEALTH_DEPARTMENT && county == null) {
            throw new ProblemException(400, "invalid-input", "Invalid input", "a county health department names its county",
                    List.of(new Problem.FieldError("county", "required for a COUNTY_HEALTH_DEPARTMENT")));
        }
        String name = request.name().strip();
        // one provider per name, state and county (the unique index decides under concurrency; this answers 409 first)
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('community_provider'))").getSingleResult();
        long same = ((Number) em.createNativeQuery("""
                        select count(*) from community_provider
                        where lower(name) = lower(?1) and state = ?2 and coalesce(lower(county), '') = coalesce(lower(?3), '')""")
                .setParameter(1, name).setParameter(2, request.state()).setParameter(3, county).getSingleResult()).longValue();
        if (same > 0) {
            throw ProblemException.alreadyExists("community provider", name + " (" + request.state()
                    + (county == null ? "" : ", " + county) + ")");
        }
        CommunityProvider provider = new CommunityProvider();
        provider.id = UUID.randomUUID();
        provider.name = name;
        provider.kind = request.kind();
        provider.state = request.state();
        provider.county = county;
        provider.registeredBy = caller.name();
        provider.registeredAt = Instant.now();
        em.persist(provider);
        audit.record("community-provider.register", "community-provider", provider.id.toString(), AuditTrail.SUCCESS);
        return provider;
    }

    /** The provider, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CommunityProvider find(UUID id) {
        CommunityProvider provider = em.find(CommunityProvider.class, id);
        if (provider == null) {
            throw ProblemException.notFound("community provider", id);
        }
        return provider;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CommunityProvider> list(String state, ProviderKind kind, PageRequest paging) {
        String where = " where (:state is null or p.state = :state) and (:kind is null or p.kind = :kind)";
        long total = em.createQuery("select count(p) from CommunityProvider p" + where, Long.class)
                .setParameter("state", state).setParameter("kind", kind).getSingleResult();
        List<CommunityProvider> items = em.createQuery("select p from CommunityProvider p" + where
                        + " order by p.registeredAt, p.id", CommunityProvider.class)
                .setParameter("state", state).setParameter("kind", kind)
                .setFirstResult(paging.offset()).setMaxResults(paging.size).getResultList();
        return Page.of(items, paging, total);
    }
}
