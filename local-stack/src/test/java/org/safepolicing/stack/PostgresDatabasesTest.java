package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Launcher postgres prepare} ({@link PostgresDatabases}) on a real embedded PostgreSQL with no databases. */
class PostgresDatabasesTest {

    private static final String INDENT = " ".repeat(15);

    @TempDir
    static Path temp;
    private static StackProcess pg;

    @BeforeAll
    static void startPostgres() throws IOException {
        // JUnit makes the folder private to its owner; as root PostgreSQL runs as nobody, who must get through it
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        pg = StackProcess.postgres(temp.resolve("pg"), StackProcess.freePort(), List.of(), true);
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void createsWhatIsMissingAndNothingTheSecondTime() throws Exception {
        try (Connection c = connect("postgres", "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE gamma"); // there already: only its role is missing
        }
        List<String> created = new ArrayList<>();
        PostgresDatabases.prepare(pg.address(), "postgres", "postgres", List.of("alpha", "beta-2", "gamma"),
                created::add);
        assertEquals(List.of(
                "created database alpha", "created the runtime role alpha_runtime (password: its name)",
                "created database beta-2", "created the runtime role beta-2_runtime (password: its name)",
                "created the runtime role gamma_runtime (password: its name)"), created);
        assertTrue(databases().containsAll(List.of("alpha", "beta-2", "gamma")), databases().toString());

        created.clear();
        PostgresDatabases.prepare(pg.address(), "postgres", "postgres", List.of("alpha", "beta-2", "gamma"),
                created::add);
        assertEquals(List.of(), created, "a second run makes nothing");
    }

    @Test
    void theCommandPrintsBinSuitesLinesAndTakesThePasswordFromTheEnvironment() {
        Run first = run(Map.of(PostgresDatabases.PASSWORD_ENV, "postgres"), "prepare", "--url", pg.address(),
                "--user", "postgres", "--databases", "delta, epsilon");
        assertEquals(0, first.status(), first.err());
        assertEquals(INDENT + "created database delta\n"
                + INDENT + "created the runtime role delta_runtime (password: its name)\n"
                + INDENT + "created database epsilon\n"
                + INDENT + "created the runtime role epsilon_runtime (password: its name)\n", first.out());
        assertEquals("", first.err());

        Run second = run(Map.of(), "prepare", "--url", pg.address().replaceAll("/$", ""), "--databases", "delta");
        assertEquals(0, second.status(), second.err());
        assertEquals("", second.out(), "nothing created, nothing printed");

        Run withPassword = run(Map.of(), "prepare", "--url", pg.address(), "--password", "secret", "--databases", "x");
        assertEquals(2, withPassword.status());
        assertTrue(withPassword.err().contains("the password comes from $SUITE_POSTGRES_PASSWORD"), withPassword.err());
        assertEquals(2, run(Map.of(), "prepare", "--url", "postgres://h/", "--databases", "x").status());
        assertEquals(2, run(Map.of(), "prepare", "--url", pg.address(), "--databases", "bad'name").status());
    }

    @Test
    void theRuntimeRoleLogsInWithItsPassword() throws Exception {
        PostgresDatabases.prepare(pg.address(), "postgres", "postgres", List.of("zeta"), line -> { });
        // The embedded server trusts every local login; this role has to give its password (SCRAM), as elsewhere.
        Path hba = temp.resolve("pg/pgdata/pg_hba.conf");
        Files.writeString(hba, "host all zeta_runtime 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
        try (Connection c = connect("postgres", "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet reload = s.executeQuery("SELECT pg_reload_conf()")) {
            assertTrue(reload.next() && reload.getBoolean(1));
        }
        try (Connection c = connect("zeta", "zeta_runtime", "zeta_runtime"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT current_user, current_database()")) {
            assertTrue(rows.next());
            assertEquals("zeta_runtime", rows.getString(1));
            assertEquals("zeta", rows.getString(2));
        }
        SQLException wrong = assertThrows(SQLException.class, () -> connect("zeta", "zeta_runtime", "not-its-name"));
        assertEquals("28P01", wrong.getSQLState(), wrong.getMessage()); // invalid_password
    }

    @Test
    void anUnreachableServerIsOneLineNamingHostPortAndUser() {
        int port = StackProcess.freePort(); // nothing listens there
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/";
        PostgresDatabases.PrepareException e = assertThrows(PostgresDatabases.PrepareException.class,
                () -> PostgresDatabases.prepare(url, "someone", "pw", List.of("alpha"), line -> { }));
        assertTrue(e.getMessage().startsWith("cannot reach PostgreSQL at 127.0.0.1:" + port + " as someone: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());

        Run run = run(Map.of(PostgresDatabases.USER_ENV, "someone"), "prepare", "--url", url, "--databases", "alpha");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: cannot reach PostgreSQL at 127.0.0.1:" + port + " as someone: "),
                run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void hostPortOfTheUrl() {
        assertEquals("db.example:5432", PostgresDatabases.hostPort("jdbc:postgresql://db.example/"));
        assertEquals("db.example:6543", PostgresDatabases.hostPort("jdbc:postgresql://db.example:6543"));
        assertEquals("10.0.0.1:5433", PostgresDatabases.hostPort("jdbc:postgresql://10.0.0.1:5433/?ssl=true"));
        assertEquals("[::1]:5432", PostgresDatabases.hostPort("jdbc:postgresql://[::1]/"));
        assertThrows(IllegalArgumentException.class, () -> PostgresDatabases.hostPort("postgresql://h:1/"));
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PostgresDatabases.main(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(pg.address() + database, user, password);
    }

    private static List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("postgres", "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
