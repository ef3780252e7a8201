package org.safepolicing.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * The retention jobs' delete of old rows: a statement that deletes at most {@code limit} rows older than a time, run
 * again while a run deleted a whole slice, each run its own transaction (auto-commit), so no long lock is held and a
 * job stopped half-way leaves only rows that the next round deletes.
 */
final class SlicedDelete {

    private SlicedDelete() {
    }

    /**
     * @param delete a delete taking two parameters, the time rows must be older than and the most rows to delete
     * @return how many rows were deleted
     */
    static long olderThan(DataSource dataSource, String delete, Instant before, int slice) throws SQLException {
        long deleted = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(delete)) {
            c.setAutoCommit(true);
            statement.setTimestamp(1, Timestamp.from(before));
            statement.setInt(2, slice);
            int n;
            do {
                n = statement.executeUpdate();
                deleted += n;
            } while (n == slice);
        }
        return deleted;
    }
}
