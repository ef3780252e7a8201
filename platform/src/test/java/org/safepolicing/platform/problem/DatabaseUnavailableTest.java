package org.safepolicing.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreTheDatabaseBeingOutOfReach() {
        assertTrue(DatabaseUnavailable.causedBy(new IllegalStateException("commit failed",
                new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("refused", "08001")))));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("terminating connection due to"
                + " administrator command", "57P01"))));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("the database system is starting up",
                "57P03"))));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException(
                "Acquisition timeout while waiting for new connection"))));
        // the pool's connections all in use past its acquisition timeout (hiring checks offered faster than served):
        // wrapped as the rate limiter and Hibernate wrap it
        assertTrue(DatabaseUnavailable.causedBy(new IllegalStateException("the rate limit check could not be read",
                new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseUnavailable.causedBy(new org.hibernate.exception.GenericJDBCException(
                "Unable to acquire JDBC Connection", new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseUnavailable.causedBy(new SQLTransientConnectionException("pool closed")));
        // a commit that failed because PostgreSQL was stopped (bin/suite soak): the cause sits under a suppressed one
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        javax.transaction.xa.XAException commit = new javax.transaction.xa.XAException("Error trying to transactionCommit");
        commit.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(commit);
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException("Error invoking subclass method", rollback)));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new ConnectException("Connection refused"))));
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNot() {
        assertFalse(DatabaseUnavailable.causedBy(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "uk")));
        assertFalse(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseUnavailable.causedBy(new NullPointerException()));
        assertFalse(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("Acquisition timeout", "23505"))));
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(DatabaseUnavailable.causedBy(a));
    }

    @Test
    void theAnswerIs503WithRetryAfter() {
        ProblemException problem = DatabaseUnavailable.problem();
        assertEquals(503, problem.status());
        assertEquals("5", problem.headers().get("Retry-After"));
    }
}
