package org.safepolicing.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a container ({@link ContainerServers#postgresImage()}: the major version of the embedded binaries),
 * user {@code postgres} with password {@code postgres}, each of the databases created with its runtime role
 * {@code <database>_runtime} (password: its name), as {@link PostgresServer} does ({@link PostgresDatabases}). {@code fsync} is off, as on an
 * ephemeral local server; {@code synchronous_commit} stays on.
 */
final class PostgresContainerServer extends ContainerServer {

    private final List<String> databases;

    PostgresContainerServer(List<String> databases) {
        this.databases = databases;
    }

    @Override
    GenericContainer<?> create() {
        return new PostgreSQLContainer(DockerImageName.parse(ContainerServers.postgresImage()))
                .withUsername(ContainerServers.POSTGRES_USER)
                .withPassword(ContainerServers.POSTGRES_PASSWORD)
                .withDatabaseName("postgres");
    }

    @Override
    void prepare(GenericContainer<?> started) throws SQLException {
        for (String database : databases) {
            createDatabaseAndRole(address(), database);
        }
    }

    @Override
    public String address() {
        GenericContainer<?> c = container();
        return "jdbc:postgresql://" + c.getHost() + ":" + c.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/";
    }

    static void createDatabaseAndRole(String jdbcBase, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcBase + "postgres", ContainerServers.POSTGRES_USER,
                ContainerServers.POSTGRES_PASSWORD)) {
            PostgresDatabases.createIfMissing(connection, database, created -> { });
        }
    }
}
