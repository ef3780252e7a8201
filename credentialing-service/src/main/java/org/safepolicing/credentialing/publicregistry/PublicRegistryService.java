package org.safepolicing.credentialing.publicregistry;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.credentialing.SearchText;
import org.safepolicing.credentialing.agency.Agency;
import org.safepolicing.credentialing.body.CredentialingBody;
import org.safepolicing.credentialing.credential.AgencyCredential;
import org.safepolicing.platform.web.Page;
import org.safepolicing.platform.web.PageRequest;

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

    private final EntityManager em;

    PublicRegistryService(EntityManager em) {
        this.em = em;
    }

    public Page<CertifiedBody> certifiedBodies(String text, LocalDate today, PageRequest paging) {
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

    public Page<CredentialedAgency> credentialedAgencies(String text, String state, AgencyType type, UUID bodyId,
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
