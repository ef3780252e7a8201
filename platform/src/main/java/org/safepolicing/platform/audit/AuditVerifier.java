package org.safepolicing.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Recomputes the audit trail's hash chains (16, migration V1_4; a transaction's rows are in one) and names every row
 * that does not match: a row whose fields were changed after it was written (its hash no longer matches its content)
 * and a row whose predecessor in its chain was removed or rewritten (its link no longer matches the row before it). The hash is computed by the database's {@code audit_row_hash}, the
 * same function that wrote it, so there is one definition of a row's canonical form. Rows cut from a chain's end are
 * found against the latest anchor outside the database ({@link AuditAnchors}).
 */
@ApplicationScoped
public class AuditVerifier {

    /** At most this many problems are listed; the count covers them all. */
    static final int MAX_LISTED = 100;

    private final EntityManager em;
    private final AuditAnchors anchors;

    AuditVerifier(EntityManager em, AuditAnchors anchors) {
        this.em = em;
        this.anchors = anchors;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Verification verify() {
        List<Finding> findings = new ArrayList<>();
        List<ChainHead> heads = new ArrayList<>();
        long checked = 0;
        long problems = 0;
        Long firstId = null;
        Long lastId = null;
        Integer chain = null;
        long chainRows = 0;
        String expectedPrev = null;
        @SuppressWarnings("unchecked")
        Stream<Object[]> rows = em.createNativeQuery("""
                select id, prev_hash, row_hash,
                       audit_row_hash(prev_hash, occurred_at, actor, actor_roles, actor_agency, action, object_type,
                                      object_id, outcome, request_id, source_address), chain
                  from audit_entry order by chain, id""").setHint("org.hibernate.fetchSize", 1000).getResultStream();
        try (rows) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                long id = ((Number) row[0]).longValue();
                String prev = (String) row[1];
                String stored = (String) row[2];
                String recomputed = (String) row[3];
                int rowChain = ((Number) row[4]).intValue();
                firstId = firstId == null ? id : Math.min(firstId, id);
                if (chain == null || chain != rowChain) {
                    if (chain != null) {
                        heads.add(new ChainHead(chain, chainRows, lastId, expectedPrev));
                    }
                    chain = rowChain;
                    chainRows = 0;
                    if (prev != null) {
                        problems++;
                        add(findings, new Finding(id, "BROKEN_LINK", "row " + id + " is the first of chain " + chain
                                + " but links to a row before it: the chain's first rows were removed"));
                    }
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
                chainRows++;
                lastId = id;
                expectedPrev = stored;
            }
        }
        if (chain != null) {
            heads.add(new ChainHead(chain, chainRows, lastId, expectedPrev));
        }
        // the chains cannot show rows cut from their end: the anchor published outside the database can
        AnchorCheck anchorCheck;
        try {
            Optional<AuditAnchors.Anchor> anchor = anchors.latest();
            if (anchor.isEmpty()) {
                anchorCheck = new AnchorCheck("NONE", null, null, "no anchor has been published yet");
            } else {
                AuditAnchors.Anchor a = anchor.get();
                for (ChainHead head : a.chains()) {
                    @SuppressWarnings("unchecked")
                    List<Object> stored = em.createNativeQuery("select row_hash from audit_entry where id = ?1")
                            .setParameter(1, head.lastId()).getResultList();
                    if (stored.isEmpty()) {
                        problems++;
                        add(findings, new Finding(head.lastId(), "CUT", "row " + head.lastId() + ", the head of chain "
                                + head.chain() + " when the trail was anchored at " + a.anchoredAt()
                                + ", is gone: rows were cut from the chain's end"));
                    } else if (!Objects.equals(stored.get(0), head.headHash())) {
                        problems++;
                        add(findings, new Finding(head.lastId(), "ALTERED", "row " + head.lastId() + " no longer has"
                                + " the hash it had when the trail was anchored at " + a.anchoredAt()));
                    }
                }
                anchorCheck = new AnchorCheck("CHECKED", a.anchoredAt(), a.rows(), "every head anchored at "
                        + a.anchoredAt() + " was looked for");
            }
        } catch (RuntimeException e) {
            anchorCheck = new AnchorCheck("UNAVAILABLE", null, null, "the anchors could not be read: " + e.getMessage());
        }
        Long newest = heads.stream().map(ChainHead::lastId).max(Long::compare).orElse(null);
        return new Verification(problems == 0, checked, firstId, newest, headHash(heads), problems, List.copyOf(findings),
                List.copyOf(heads), anchorCheck);
    }

    /** One digest of every chain's head: SHA-256 of "chain:lastId:hash" lines in chain order; null when empty. */
    static String headHash(List<ChainHead> heads) {
        if (heads.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        heads.forEach(h -> text.append(h.chain()).append(':').append(h.lastId()).append(':').append(h.headHash()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void add(List<Finding> findings, Finding finding) {
        if (findings.size() < MAX_LISTED) {
            findings.add(finding);
        }
    }

    /**
     * The outcome: whether every row matched, how many rows were read, the first and last id, one digest of the chains'
     * heads and each chain's head (keep them elsewhere: a later verification must still contain each head row, so
     * nothing was cut from a chain's end), and the rows that did not match.
     */
    public record Verification(boolean intact, long rowsChecked, Long firstId, Long lastId, String headHash,
                               long problemCount, List<Finding> problems, List<ChainHead> chains, AnchorCheck anchor) {
    }

    /**
     * How the latest anchor was checked: {@code CHECKED} (every anchored head row looked for; a missing one is a
     * {@code CUT} finding), {@code NONE} (nothing anchored yet) or {@code UNAVAILABLE} (Kafka did not answer: the
     * chains were verified, the cut check was not made).
     */
    public record AnchorCheck(String status, java.time.Instant anchoredAt, Long anchoredRows, String detail) {
    }

    /** A chain's number, its row count, and its last row's id and hash. */
    public record ChainHead(int chain, long rows, Long lastId, String headHash) {
    }

    /** One row that does not match, and how. */
    public record Finding(long id, String kind, String detail) {
    }
}
