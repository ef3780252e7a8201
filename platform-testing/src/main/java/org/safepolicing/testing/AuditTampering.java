package org.safepolicing.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What an intruder with the database owner's rights could do to a service's audit trail, for the tests that prove the
 * verification finds it: connect as the owner (the role Flyway migrates with; the service's own runtime role cannot do
 * any of this), change or remove a row with the table's guard switched off, and put a removed row back.
 */
public final class AuditTampering {

    private AuditTampering() {
    }

    /** A connection as the service's runtime role ({@code quarkus.datasource}) or its owner ({@code quarkus.flyway}). */
    public static Connection connect(String credentials) throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue(credentials + ".username", String.class),
                config.getOptionalValue(credentials + ".password", String.class).orElse(""));
    }

    /** The owner's connection. */
    public static Connection owner() throws SQLException {
        return connect("quarkus.flyway");
    }

    /** Runs one statement with every trigger of audit_entry off, in one transaction: nobody else sees them off. */
    public static void withGuardOff(Connection owner, String sql) throws SQLException {
        owner.setAutoCommit(false);
        try (Statement s = owner.createStatement()) {
            s.execute("alter table audit_entry disable trigger user");
            s.execute(sql);
            s.execute("alter table audit_entry enable trigger user");
            owner.commit();
        } catch (SQLException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(true);
        }
    }

    /** Every column of one audit row, to put it back with {@link #restore}. */
    public static List<Object> row(Connection db, long id) throws SQLException {
        List<Object> saved = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select * from audit_entry where id = " + id)) {
            if (!rs.next()) {
                throw new IllegalStateException("no audit row " + id);
            }
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                saved.add(rs.getObject(c));
            }
        }
        return saved;
    }

    /** Puts a removed row back exactly as it was (its hashes included), with the guard off. */
    public static void restore(Connection owner, List<Object> row) throws SQLException {
        StringBuilder sql = new StringBuilder("insert into audit_entry values (");
        for (int i = 0; i < row.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        owner.setAutoCommit(false);
        try (Statement s = owner.createStatement(); var insert = owner.prepareStatement(sql.append(")").toString())) {
            s.execute("alter table audit_entry disable trigger user");
            for (int i = 0; i < row.size(); i++) {
                insert.setObject(i + 1, row.get(i));
            }
            insert.executeUpdate();
            s.execute("alter table audit_entry enable trigger user");
            owner.commit();
        } catch (SQLException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(true);
        }
    }
}
