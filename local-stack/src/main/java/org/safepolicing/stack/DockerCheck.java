package org.safepolicing.stack;

import java.io.PrintStream;

import org.testcontainers.DockerClientFactory;

/** {@code Launcher docker-check}: whether Testcontainers reaches a Docker engine (its own discovery rules). */
final class DockerCheck {

    static int run(PrintStream out) {
        boolean available;
        String detail;
        try {
            DockerClientFactory docker = DockerClientFactory.instance();
            available = docker.isDockerAvailable();
            detail = available ? "Docker " + docker.getInfo().getServerVersion() : "Testcontainers found no valid"
                    + " Docker environment (DOCKER_HOST, the Docker socket, ~/.testcontainers.properties)";
        } catch (Throwable t) {
            available = false;
            detail = t.toString();
        }
        synchronized (out) {
            out.println((available ? "READY docker " : "FAILED ") + detail.replaceAll("\\s*\\R\\s*", " | "));
            out.flush();
        }
        return available ? 0 : 1;
    }

    private DockerCheck() {
    }
}
