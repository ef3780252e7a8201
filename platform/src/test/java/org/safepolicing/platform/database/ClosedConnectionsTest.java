package org.safepolicing.platform.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.safepolicing.testing.SuiteServers;

/**
 * Pooled connections PostgreSQL has closed (a restart of the server, a fail-over, an administrator's
 * {@code pg_terminate_backend}) are found out before they are handed out: readiness stays UP and every connection the
 * pool gives works, instead of each dead one failing a readiness probe or a request first.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
class ClosedConnectionsTest {

    private static final int POOLED = 6;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void connectionsTheServerClosedAreReplacedBeforeUse() throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < POOLED; i++) {
            Connection c = dataSource.getConnection();
            held.add(c);
            assertEquals(1, one(c));
        }
        // the server ends every other connection of this role: the pool's idle ones and the ones held here
        try (Statement s = held.get(0).createStatement(); ResultSet rs = s.executeQuery("""
                select count(pg_terminate_backend(pid)) from pg_stat_activity
                 where usename = current_user and datname = current_database() and pid <> pg_backend_pid()""")) {
            rs.next();
            assertTrue(rs.getInt(1) >= POOLED - 1, "connections ended: " + rs.getInt(1));
        }
        for (Connection c : held) {
            c.close(); // back into the pool, all but one of them dead
        }
        // older than the pool's foreground validation interval (platform: 1s) when next handed out
        Thread.sleep(1_500);

        for (int i = 0; i < POOLED; i++) {
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
        }
        List<Connection> again = new ArrayList<>();
        try {
            for (int i = 0; i < POOLED; i++) {
                Connection c = dataSource.getConnection();
                again.add(c);
                assertEquals(1, one(c), "connection " + i + " handed out after the server closed the old ones");
            }
        } finally {
            for (Connection c : again) {
                c.close();
            }
        }
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
