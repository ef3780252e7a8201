package org.safepolicing.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.platform.events.TestTopics;
import org.safepolicing.testing.AuditTampering;
import org.safepolicing.testing.SuiteServers;

/**
 * The anchor outside the database finds what the chains alone cannot: the newest rows of a chain cut away by someone
 * with the owner's rights. Real PostgreSQL and Kafka; the anchor is read back from the topic.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class AuditAnchorTest {

    @Inject
    AuditTrail audit;
    @Inject
    AuditAnchors anchors;
    @Inject
    AuditVerifier verifier;

    @Test
    void rowsCutFromAChainsEndAreFoundAgainstTheAnchor() throws SQLException {
        // 40 transactions spread their rows over the 16 chains
        for (int i = 0; i < 40; i++) {
            String object = "anchor-test-" + UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> audit.record("test.anchor", "test", object, AuditTrail.SUCCESS));
        }
        AuditAnchors.Anchor anchored = anchors.anchorNow().orElseThrow(() -> new AssertionError("heads changed: an anchor"));
        assertTrue(anchors.anchorNow().isEmpty(), "unchanged heads are not anchored twice");
        AuditAnchors.Anchor read = anchors.latest().orElseThrow(() -> new AssertionError("the anchor is on the topic"));
        assertEquals(anchored.headDigest(), read.headDigest());
        assertEquals(anchored.chains(), read.chains());

        AuditVerifier.Verification before = verify();
        assertTrue(before.intact(), before.problems().toString());
        assertEquals("CHECKED", before.anchor().status());
        assertEquals(anchored.rows(), before.anchor().anchoredRows());

        // the owner deletes the newest row of a chain with at least two rows: the chain itself is still consistent
        AuditVerifier.ChainHead head = anchored.chains().stream().filter(c -> c.rows() >= 2).findFirst().orElseThrow();
        try (Connection owner = AuditTampering.owner()) {
            List<Object> saved = AuditTampering.row(owner, head.lastId());
            AuditTampering.withGuardOff(owner, "delete from audit_entry where id = " + head.lastId());
            try {
                AuditVerifier.Verification after = verify();
                assertFalse(after.intact(), "the cut is found");
                assertTrue(after.problems().stream().anyMatch(f -> f.kind().equals("CUT") && f.id() == head.lastId()),
                        after.problems().toString());
                assertTrue(after.problems().stream().noneMatch(f -> f.kind().equals("BROKEN_LINK")),
                        "the chains alone show nothing: " + after.problems());
            } finally {
                AuditTampering.restore(owner, saved);
            }
        }
        assertTrue(verify().intact(), "restored");
    }

    private AuditVerifier.Verification verify() {
        return QuarkusTransaction.requiringNew().call(verifier::verify);
    }
}
