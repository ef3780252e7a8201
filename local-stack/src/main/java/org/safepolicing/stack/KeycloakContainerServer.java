package org.safepolicing.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Keycloak in a container ({@link ContainerServers#keycloakImage()}: the version the build uses), {@code start-dev}
 * importing the realm file, as system-tests' Keycloak does (admin / admin). Ready when the realm answers. The
 * hostname is not fixed, so the tokens' issuer is the address clients call, the one the READY line names.
 */
final class KeycloakContainerServer extends ContainerServer {

    private static final int HTTP = 8080;

    private final Path realmFile;
    private final String realm;

    KeycloakContainerServer(Path realmFile, String realm) {
        this.realmFile = realmFile;
        this.realm = realm;
    }

    @Override
    GenericContainer<?> create() {
        if (!Files.isRegularFile(realmFile)) {
            throw new IllegalArgumentException("no realm file " + realmFile);
        }
        return new GenericContainer<>(DockerImageName.parse(ContainerServers.keycloakImage()))
                .withExposedPorts(HTTP)
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .withCopyFileToContainer(MountableFile.forHostPath(realmFile),
                        "/opt/keycloak/data/import/" + realmFile.getFileName())
                .withCommand("start-dev", "--import-realm", "--health-enabled=true", "--metrics-enabled=false")
                .waitingFor(Wait.forHttp("/realms/" + realm).forPort(HTTP).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(4)));
    }

    @Override
    public String address() {
        GenericContainer<?> c = container();
        return "http://" + c.getHost() + ":" + c.getMappedPort(HTTP);
    }
}
