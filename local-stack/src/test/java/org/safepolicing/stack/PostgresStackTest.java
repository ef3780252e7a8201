package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresStackTest {

    @TempDir
    Path temp;

    @BeforeEach
    void openTempDir() throws IOException {
        // JUnit makes the folder private to its owner; as root PostgreSQL runs as nobody, who must get through it
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void createsDatabasesAndKeepsDataAcrossARestart() throws SQLException {
        try (StackProcess pg = StackProcess.postgres(temp.resolve("pg"), StackProcess.freePort(),
                List.of("records", "grants"), false)) {
            assertTrue(pg.isRunning());
            assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/", pg.address());
            try (Connection c = connect(pg, "records"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE report (id int PRIMARY KEY, agency text NOT NULL)");
                s.execute("INSERT INTO report VALUES (1, 'agency-1')");
            }
            assertEquals(List.of("grants", "records"), userDatabases(pg));

            pg.stop();
            assertFalse(pg.isRunning());
            pg.start();

            assertTrue(pg.isRunning());
            try (Connection c = connect(pg, "records"); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT agency FROM report WHERE id = 1")) {
                assertTrue(rows.next());
                assertEquals("agency-1", rows.getString(1));
            }
        }
    }

    @Test
    void ephemeralServerDeletesItsDataDir() throws SQLException {
        Path dataDir = temp.resolve("pg-ephemeral");
        try (StackProcess pg = StackProcess.postgres(dataDir, StackProcess.freePort(), List.of("coresponder"), true)) {
            try (Connection c = connect(pg, "coresponder"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int)");
                // the server's settings: the buffers for four services' databases; no fsync on an ephemeral server
                assertEquals("512MB", setting(s, "shared_buffers"));
                assertEquals("off", setting(s, "fsync"));
                assertEquals("on", setting(s, "synchronous_commit"));
            }
            assertTrue(Files.isDirectory(dataDir.resolve("pgdata")));
        }
        assertFalse(Files.exists(dataDir), "the ephemeral data dir is deleted when the server stops");
    }

    @Test
    void reportsAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> StackProcess.postgres(temp.resolve("pg-busy"), taken.getLocalPort(), List.of(), true));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    private static Connection connect(StackProcess pg, String database) throws SQLException {
        return DriverManager.getConnection(pg.address() + database, "postgres", "any-password");
    }

    private static List<String> userDatabases(StackProcess pg) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(pg, "postgres"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate"
                     + " AND datname <> 'postgres' ORDER BY datname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rows = s.executeQuery("SHOW " + name)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
