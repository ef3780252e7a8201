package org.safepolicing.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.platform.events.TestTopics;
import org.safepolicing.testing.SuiteServers;

/**
 * A transaction's audit rows go to a chain no other open transaction holds: with 15 of the 16 chains' locks held by
 * another transaction, a new one writes its rows to the sixteenth at once, whatever its transaction id, all of them
 * there, and the chains still verify.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class AuditChainChoiceTest {

    private static final int FREE = 11;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditVerifier verifier;

    @Test
    void aTransactionTakesAChainNoOtherHolds() throws SQLException {
        String object = "chain-choice-" + UUID.randomUUID();
        try (Connection holder = dataSource.getConnection(); Connection writer = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_xact_lock(20260, ?)")) {
                for (int chain = 0; chain < 16; chain++) {
                    if (chain != FREE) {
                        lock.setInt(1, chain);
                        lock.executeQuery().close();
                    }
                }
            }
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement("set local lock_timeout = '5s'")) {
                s.execute(); // were the chain chosen by the transaction id alone, 15 times in 16 this would wait
            }
            for (int row = 0; row < 3; row++) {
                try (PreparedStatement insert = writer.prepareStatement("""
                        insert into audit_entry (occurred_at, actor, action, object_type, object_id, outcome)
                        values (now(), 'test', 'test.chain-choice', 'test', ?, 'SUCCESS')""")) {
                    insert.setString(1, object);
                    insert.executeUpdate();
                }
            }
            writer.commit();
            holder.rollback();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select chain, count(*) from audit_entry where object_id = ? group by chain")) {
            select.setString(1, object);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(FREE, rs.getInt(1), "the one chain whose lock was free");
                assertEquals(3, rs.getInt(2), "all of the transaction's rows in it");
                assertTrue(!rs.next(), "one chain only");
            }
        }
        AuditVerifier.Verification verification = QuarkusTransaction.requiringNew().call(verifier::verify);
        assertTrue(verification.intact(), verification.problems().toString());
    }
}
