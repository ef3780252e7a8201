package org.safepolicing.platform.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Recomputes the audit trail's hash chain and names every row that does not match: a row whose fields were changed
 * after it was written (its hash no longer matches its content) and a row whose predecessor was removed or rewritten
 * (its link no longer matches the row before it). The hash is computed by the database's {@code audit_row_hash}, the
 * same function that wrote it, so there is one definition of a row's canonical form.
 */
@ApplicationScoped
public class AuditVerifier {

    /** At most this many problems are listed; the count covers them all. */
    static final int MAX_LISTED = 100;

    private final EntityManager em;

    AuditVerifier(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Verification verify() {
        List<Finding> findings = new ArrayList<>();
        long checked = 0;
        long problems = 0;
        Long firstId = null;
        Long lastId = null;
        String expectedPrev = null;
        String head = null;
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = em.createNativeQuery("""
                select id, prev_hash, row_hash,
                       audit_row_hash(prev_hash, occurred_at, actor, actor_roles, actor_agency, action, object_type,
                                      object_id, outcome, request_id, source_address)
                  from audit_entry order by id""").setHint("org.hibernate.fetchSize", 1000).getResultStream();
        try (rows) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                long id = ((Number) row[0]).longValue();
                String prev = (String) row[1];
                String stored = (String) row[2];
                String recomputed = (String) row[3];
                if (firstId == null) {
                    firstId = id;
                } else if (!Objects.equals(prev, expectedPrev)) {
                    problems++;
                    add(findings, new Finding(id, "BROKEN_LINK", "row " + id + " does not follow row " + lastId
                            + ": a row between them was removed, or row " + lastId + " was rewritten"));
                }
                if (!Objects.equals(stored, recomputed)) {
                    problems++;
                    add(findings, new Finding(id, "ALTERED", "row " + id + " was changed after it was written: its"
                            + " content no longer matches its hash"));
                }
                checked++;
                lastId = id;
                expectedPrev = stored;
                head = stored;
            }
        }
        return new Verification(problems == 0, checked, firstId, lastId, head, problems, List.copyOf(findings));
    }

    private static void add(List<Finding> findings, Finding finding) {
        if (findings.size() < MAX_LISTED) {
            findings.add(finding);
        }
    }

    /**
     * The outcome: whether every row matched, how many rows were read, the first and last id, the last row's hash
     * (keep it elsewhere: a later verification that starts from it shows nothing was cut from the end), and the rows
     * that did not match.
     */
    public record Verification(boolean intact, long rowsChecked, Long firstId, Long lastId, String headHash,
                               long problemCount, List<Finding> problems) {
    }

    /** One row that does not match, and how. */
    public record Finding(long id, String kind, String detail) {
    }
}
