package org.safepolicing.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Direct reads of the service's database, for what the API deliberately does not show (accounting rows, plans). */
public final class Db {

    private final DataSource ds;

    public Db(DataSource ds) {
        this.ds = ds;
    }

    /**
     * The service's database as its owner role (the one Flyway migrates with), for a test that must create objects:
     * the service's own runtime role cannot.
     */
    public static Db owner() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.postgresql.ds.PGSimpleDataSource owner = new org.postgresql.ds.PGSimpleDataSource();
        owner.setUrl(config.getValue("quarkus.datasource.jdbc.url", String.class));
        owner.setUser(config.getValue("quarkus.flyway.username", String.class));
        owner.setPassword(config.getOptionalValue("quarkus.flyway.password", String.class).orElse(""));
        return new Db(owner);
    }

    public DataSource dataSource() {
        return ds;
    }

    public long count(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String explain(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("explain " + sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
