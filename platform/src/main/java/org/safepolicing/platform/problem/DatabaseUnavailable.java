package org.safepolicing.platform.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure caused by the service's database being out of reach (down, restarting, refusing or dropping
 * connections, or a pool that could not hand out a connection in time) from any other failure. Such a request gets
 * {@code 503 service-unavailable} with {@code Retry-After}, not {@code 500}: the client may try again; nothing of the
 * request was stored unless the failure came at the commit itself, which is why a retry of a change should carry an
 * idempotency key where the endpoint takes one.
 * <p>Recognised anywhere in the cause chain: Hibernate's {@link JDBCConnectionException}, JDBC's
 * {@link SQLTransientConnectionException}, a {@link SQLException} whose SQLState is of class 08 (connection exception)
 * or 57P01-57P03 (PostgreSQL shutting down, crashed, not yet accepting connections), the pool's acquisition timeout,
 * and a refused TCP connection.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait: about the time a restarted PostgreSQL takes to accept connections. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        return causedBy(failure, new IdentityHashMap<>());
    }

    private static boolean causedBy(Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && (connectionState(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
            // a commit that failed as the database went away: RollbackException with the XAException suppressed, and
            // the driver's "terminating connection" (57P01) as that one's cause
            for (Throwable suppressed : t.getSuppressed()) {
                if (causedBy(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean connectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }

    private static boolean acquisitionTimeout(SQLException e) {
        // Agroal, without a SQLState: "Acquisition timeout while waiting for new connection" (none could be opened),
        // "Sorry, acquisition timeout!" (every pooled connection stayed in use: more requests than the pool serves)
        return e.getSQLState() == null && e.getMessage() != null
                && (e.getMessage().startsWith("Acquisition timeout") || e.getMessage().startsWith("Sorry, acquisition timeout"));
    }

    /** The answer: 503 with Retry-After, in the platform's problem+json. */
    public static ProblemException problem() {
        return new ProblemException(503, "service-unavailable", "Service unavailable",
                "the service's database cannot be reached or has no free connection at the moment; try again in "
                        + RETRY_AFTER_SECONDS + " s")
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
