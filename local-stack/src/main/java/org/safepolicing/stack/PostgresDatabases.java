package org.safepolicing.stack;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The suite's databases on a PostgreSQL server, each with its runtime role {@code <database>_runtime} (password: its
 * name; a local stack only): the services migrate as the database's owner (the user that made it) and run as this
 * role, which owns nothing (platform's RuntimeRoleGrants). One implementation for the embedded server
 * ({@link PostgresServer}), the container ({@link PostgresContainerServer}) and an external server
 * ({@code bin/suite up} with {@code SUITE_POSTGRES_URL}):
 *
 * <pre>
 * Launcher postgres prepare --url jdbc:postgresql://HOST[:PORT]/ [--user USER] --databases a,b,c
 * </pre>
 *
 * <p>The password is read from the environment, {@code SUITE_POSTGRES_PASSWORD} ({@code postgres} when unset), never
 * from the command line, which {@code ps} shows; {@code --user} defaults to {@code SUITE_POSTGRES_USER}, then
 * {@code postgres}. It prints {@code created database X} and {@code created the runtime role X_runtime (password: its
 * name)} for what it made, nothing for what was there. Exit 1 with one line {@code error: ...} when the server cannot
 * be reached (naming host:port and user) or a database or role cannot be made, 2 for a bad command line.
 */
final class PostgresDatabases {

    static final String USAGE = "usage: Launcher postgres prepare --url jdbc:postgresql://HOST[:PORT]/ [--user USER]"
            + " --databases a,b,c   (password: $SUITE_POSTGRES_PASSWORD, else postgres)";
    static final String PASSWORD_ENV = "SUITE_POSTGRES_PASSWORD";
    static final String USER_ENV = "SUITE_POSTGRES_USER";
    private static final Args.Spec SPEC = Args.spec().values("--url", "--user").repeatable("--databases");
    private static final String PREFIX = "jdbc:postgresql://";
    /** bin/suite's column: the lines go under its {@code postgres       external: ...} line. */
    private static final String INDENT = " ".repeat(15);

    /** What cannot be done, in one line for the user. */
    static final class PrepareException extends Exception {
        PrepareException(String message) {
            super(message.replaceAll("\\s*\\R\\s*", " | ").strip());
        }
    }

    /**
     * Creates {@code database} and its runtime role when missing, on the connection (a superuser's, or a user's who
     * may create databases and roles), and reports each one it made to {@code created}. One made meanwhile by someone
     * else counts as there.
     */
    static void createIfMissing(Connection connection, String database, Consumer<String> created) throws SQLException {
        requireName(database);
        if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            if (execute(connection, "CREATE DATABASE \"" + database + "\"", "42P04")) { // duplicate_database
                created.accept("created database " + database);
            }
        }
        String role = database + "_runtime";
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            if (execute(connection, "CREATE ROLE \"" + role + "\" LOGIN PASSWORD '" + role + "'", "42710")) { // dup. object
                created.accept("created the runtime role " + role + " (password: its name)");
            }
        }
    }

    /** The databases and their roles on the server at {@code jdbcBase} ({@code jdbc:postgresql://host:port/}). */
    static void prepare(String jdbcBase, String user, String password, List<String> databases,
                        Consumer<String> created) throws PrepareException {
        String hostPort = hostPort(jdbcBase);
        for (String database : databases) {
            try {
                requireName(database);
            } catch (IllegalArgumentException e) {
                throw new PrepareException(e.getMessage());
            }
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        Connection connection;
        try {
            connection = new org.postgresql.Driver().connect(PREFIX + hostPort + "/postgres", properties);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver did not accept the URL");
            }
        } catch (SQLException e) {
            String reason = e.getMessage();
            if (e.getCause() != null && e.getCause().getMessage() != null) { // "The connection attempt failed." alone
                reason += " (" + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage() + ")";
            }
            throw new PrepareException("cannot reach PostgreSQL at " + hostPort + " as " + user + ": " + reason);
        }
        try (connection) {
            for (String database : databases) {
                try {
                    createIfMissing(connection, database, created);
                } catch (SQLException e) {
                    throw new PrepareException("could not create database " + database + " or its runtime role "
                            + database + "_runtime on " + hostPort + " as " + user + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            // closing failed: everything is made already
        }
    }

    /** {@code Launcher postgres prepare ...}: the exit status. */
    static int main(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url;
        String user;
        List<String> databases;
        try {
            if (args.isEmpty() || !args.get(0).equals("prepare")) {
                throw new IllegalArgumentException("unknown postgres command " + (args.isEmpty() ? "(none)"
                        : "'" + args.get(0) + "'"));
            }
            if (args.contains("--password")) {
                throw new IllegalArgumentException("unknown argument '--password' (the password comes from $"
                        + PASSWORD_ENV + ")");
            }
            Args options = Args.parse(args.subList(1, args.size()), SPEC);
            url = options.optional("--url").orElse(null);
            user = options.optional("--user").orElse(env.getOrDefault(USER_ENV, ""));
            databases = names(options.values("--databases"));
            if (url == null || databases.isEmpty()) {
                throw new IllegalArgumentException("--url and --databases are required");
            }
            hostPort(url);
            databases.forEach(PostgresDatabases::requireName);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "; " + USAGE);
            return 2;
        }
        String password = env.get(PASSWORD_ENV);
        try {
            prepare(url, user.isEmpty() ? "postgres" : user, password == null || password.isEmpty() ? "postgres"
                    : password, databases, line -> out.println(INDENT + line));
            return 0;
        } catch (PrepareException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    /** {@code host:port} of a {@code jdbc:postgresql://host[:port][/...]} URL, the port 5432 when it names none. */
    static String hostPort(String jdbcUrl) {
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' is not a jdbc:postgresql://host:port/ URL");
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String hostPort = rest.substring(0, end);
        if (hostPort.isEmpty() || hostPort.contains(",")) {
            throw new IllegalArgumentException("'" + jdbcUrl + "' does not name one host (jdbc:postgresql://host:port/)");
        }
        boolean hasPort = hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.contains(":");
        return hasPort ? hostPort : hostPort + ":5432";
    }

    /** The database names that {@code --databases} values give: comma-separated, trimmed, empty ones dropped. */
    static List<String> names(List<String> values) {
        return values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static void requireName(String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_-]{0,54}")) {
            throw new IllegalArgumentException("bad database name '" + database
                    + "' (letters, digits, '_' and '-', starting with a letter or '_', at most 55)");
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Runs {@code sql}: true when done, false when it failed with {@code alreadyThere} (made meanwhile). */
    private static boolean execute(Connection connection, String sql, String alreadyThere) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException e) {
            if (alreadyThere.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private PostgresDatabases() {
    }
}
