package org.safepolicing.credentialing.standard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.safepolicing.platform.audit.AuditTrail;
import org.safepolicing.platform.problem.ProblemException;

/** The versioned standards catalog. The current version is the one published last. */
@ApplicationScoped
@Transactional
public class StandardsService {

    private final EntityManager em;
    private final AuditTrail audit;

    StandardsService(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StandardsCatalog current() {
        List<?> latest = em.createNativeQuery("select version from standards_version order by published_at desc, version desc limit 1")
                .getResultList();
        if (latest.isEmpty()) {
            throw new IllegalStateException("the standards catalog has no version; migration V3 seeds DOJ-2020");
        }
        return get((String) latest.get(0));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StandardsCatalog get(String version) {
        return all(version).stream().findFirst().orElseThrow(() -> ProblemException.notFound("standards version", version));
    }

    /** Every version, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StandardsCatalog> all() {
        return all(null);
    }

    public StandardsCatalog publish(StandardsRequests.Publication publication, String publishedBy) {
        if (em.createNativeQuery("select 1 from standards_version where version = :v").setParameter("v", publication.version())
                .getResultList().size() > 0) {
            throw ProblemException.alreadyExists("standards version", publication.version());
        }
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new TreeSet<>();
        publication.standards().forEach(s -> {
            if (!seen.add(s.code())) {
                duplicates.add(s.code());
            }
        });
        if (!duplicates.isEmpty()) {
            throw ProblemException.badRequest("standard code(s) listed twice: " + duplicates);
        }
        Set<String> notMandatory = new TreeSet<>(StandardsCatalog.ORDER_MANDATORY);
        publication.standards().stream().filter(s -> s.kind() == StandardKind.MANDATORY).forEach(s -> notMandatory.remove(s.code()));
        if (!notMandatory.isEmpty()) {
            throw ProblemException.unprocessable("order-mandatory-standards-missing",
                    "EO 13929 Sec. 2(c)(i)-(ii) makes " + StandardsCatalog.ORDER_MANDATORY + " mandatory in every version; missing or not MANDATORY: "
                            + notMandatory);
        }
        Instant now = Instant.now();
        em.createNativeQuery("insert into standards_version (version, title, published_at, published_by) values (:v, :t, :p, :b)")
                .setParameter("v", publication.version()).setParameter("t", publication.title().strip())
                .setParameter("p", Timestamp.from(now)).setParameter("b", publishedBy).executeUpdate();
        int position = 0;
        for (StandardsRequests.StandardEntry s : publication.standards()) {
            em.createNativeQuery("insert into standard (version, code, kind, title, position) values (:v, :c, :k, :t, :p)")
                    .setParameter("v", publication.version()).setParameter("c", s.code()).setParameter("k", s.kind().name())
                    .setParameter("t", s.title().strip()).setParameter("p", ++position).executeUpdate();
        }
        audit.record("standards.publish", "standards-version", publication.version(), AuditTrail.SUCCESS);
        return get(publication.version());
    }

    @SuppressWarnings("unchecked")
    private List<StandardsCatalog> all(String onlyVersion) {
        List<Object[]> rows = em.createNativeQuery("""
                        select v.version, v.title, v.published_at, s.code, s.kind, s.title
                        from standards_version v join standard s on s.version = v.version
                        where (cast(:only as text) is null or v.version = cast(:only as text))
                        order by v.published_at desc, v.version desc, s.position""")
                .setParameter("only", onlyVersion).getResultList();
        Map<String, StandardsCatalog> byVersion = new LinkedHashMap<>();
        for (Object[] r : rows) {
            StandardsCatalog catalog = byVersion.computeIfAbsent((String) r[0],
                    v -> new StandardsCatalog(v, (String) r[1], instant(r[2]), new ArrayList<>()));
            catalog.standards().add(new StandardsCatalog.Standard((String) r[3], StandardKind.valueOf((String) r[4]), (String) r[5]));
        }
        return byVersion.values().stream()
                .map(c -> new StandardsCatalog(c.version(), c.title(), c.publishedAt(), List.copyOf(c.standards()))).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
