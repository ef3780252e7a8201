package org.safepolicing.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Two database roles per service: the <em>owner</em> that Flyway migrates with ({@code quarkus.flyway.username}) owns
 * every table, and the <em>runtime</em> role the service's requests and consumers use ({@code quarkus.datasource.username})
 * owns none. After every migration (Flyway's {@code afterMigrate}, as the owner) the runtime role is granted what the
 * service does at run time and nothing more:
 * <ul>
 * <li>select, insert, update, delete and truncate on the service's tables and use of their sequences;</li>
 * <li>on {@code audit_entry} only select and insert: no update, delete, truncate or trigger, and as it owns no table
 * it cannot alter one, so the service itself cannot switch off the audit trail's append-only guard or its hash chain
 * (issue 16: "the audit table cannot be switched off by the service itself");</li>
 * <li>nothing on Flyway's history, and no right to create objects in the schema.</li>
 * </ul>
 * The grants are idempotent and repeated at each start, so a table a later migration adds is covered at once. When both
 * names are the same role (one role for everything, as a developer's own database may have) there is nothing to grant
 * and the service says so once at start; {@code bin/suite}, the tests and deploy/ always run with two roles.
 */
@ApplicationScoped
public class RuntimeRoleGrants implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(RuntimeRoleGrants.class);
    /** A PostgreSQL role name that needs no quoting beyond double quotes: letters, digits, underscore, dash, dot. */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,62}");

    private final Optional<String> runtimeUser;
    private final Optional<String> migrationUser;

    RuntimeRoleGrants(@ConfigProperty(name = "quarkus.datasource.username") Optional<String> runtimeUser,
                      @ConfigProperty(name = "quarkus.flyway.username") Optional<String> migrationUser) {
        this.runtimeUser = runtimeUser;
        this.migrationUser = migrationUser;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new AfterMigrate(runtimeUser.orElse(null), migrationUser.orElse(null)));
    }

    /** The statements that give {@code role} its run-time rights; each is idempotent. */
    static List<String> grants(String role) {
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("not a plain role name: " + role);
        }
        String r = '"' + role + '"';
        return List.of(
                "revoke create on schema public from public",
                "grant usage on schema public to " + r,
                "grant select, insert, update, delete, truncate on all tables in schema public to " + r,
                "grant usage, select, update on all sequences in schema public to " + r,
                "revoke all on audit_entry from " + r,
                "grant select, insert on audit_entry to " + r,
                "revoke all on flyway_schema_history from " + r);
    }

    private static final class AfterMigrate implements Callback {
        private final String runtime;
        private final String migration;

        AfterMigrate(String runtime, String migration) {
            this.runtime = runtime;
            this.migration = migration;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            Connection connection = context.getConnection();
            try {
                String current = currentUser(connection);
                if (runtime == null || migration == null || runtime.equals(current)) {
                    LOG.warnf("one database role (%s) migrates and runs this service: the audit trail's guard is only"
                            + " as strong as that role; give quarkus.flyway.username an owner role and"
                            + " quarkus.datasource.username a runtime role", current);
                    return;
                }
                try (Statement s = connection.createStatement()) {
                    for (String sql : grants(runtime)) {
                        s.execute(sql);
                    }
                }
                LOG.infof("runtime role %s granted its rights by owner %s (audit_entry: select, insert)", runtime, current);
            } catch (SQLException e) {
                throw new IllegalStateException("could not grant the runtime role " + runtime + " its rights; it must"
                        + " exist and may log in before the service starts (deploy/: CloudNativePG's managed role; bin/suite"
                        + " and the tests create <database>_runtime): " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "runtime-role-grants";
        }

        private static String currentUser(Connection connection) throws SQLException {
            try (Statement s = connection.createStatement(); var rs = s.executeQuery("select current_user")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
