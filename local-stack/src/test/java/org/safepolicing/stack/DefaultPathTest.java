package org.safepolicing.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

/**
 * Without {@code SUITE_CONTAINERS=true}, the decision never touches Docker: no Testcontainers or docker-java class is
 * loaded and no Docker check is started. And with it on a machine without Docker, the real check fails fast.
 */
class DefaultPathTest {

    /** Loads local-stack's own classes itself, so that every class they need is asked of it, and records the names. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader() {
            super(new URL[] {ContainerServers.class.getProtectionDomain().getCodeSource().getLocation()},
                    ContainerServers.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("org.safepolicing.stack.")) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        loaded = findClass(name);
                    }
                    return loaded;
                }
                return super.loadClass(name, resolve);
            }
        }

        List<String> docker() {
            return requested.stream()
                    .filter(n -> n.startsWith("org.testcontainers.") || n.startsWith("com.github.dockerjava."))
                    .sorted().toList();
        }
    }

    @Test
    void theDefaultPathLoadsNoDockerClassAndStartsNoCheck() throws Exception {
        Set<Long> childrenBefore = children();
        try (RecordingLoader loader = new RecordingLoader()) {
            Class<?> servers = Class.forName("org.safepolicing.stack.ContainerServers", true, loader);
            assertTrue(servers.getClassLoader() == loader, "ContainerServers is loaded by the recording loader");
            Method modeFor = servers.getDeclaredMethod("modeFor", Map.class);
            modeFor.setAccessible(true);
            for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("SUITE_CONTAINERS", ""),
                    Map.of("SUITE_CONTAINERS", "false"))) {
                assertEquals("LOCAL_PROCESSES", modeFor.invoke(null, environment).toString(), environment.toString());
            }
            assertEquals(List.of(), loader.docker(), "Docker classes loaded on the default path");
        }
        Set<Long> started = children();
        started.removeAll(childrenBefore);
        assertEquals(Set.of(), started, "processes started on the default path");
    }

    @Test
    void theRecordingSeesDockerClassesWhenTheyAreUsed() throws Exception {
        // the control: the same recording does see Testcontainers when a class that uses it is linked
        try (RecordingLoader loader = new RecordingLoader()) {
            Class<?> server = Class.forName("org.safepolicing.stack.PostgresContainerServer", true, loader);
            server.getDeclaredMethods();
            assertTrue(loader.docker().contains("org.testcontainers.containers.GenericContainer"), loader.docker()
                    .toString());
        }
    }

    @Test
    void containersAskedForWithoutDockerFailFast() {
        assumeFalse(System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties")),
                "a Docker engine may be reachable here: the no-engine answer is tested on machines without Docker");
        long started = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ContainerServers.modeFor(Map.of("SUITE_CONTAINERS", "true")));
        assertTrue(e.getMessage().startsWith("SUITE_CONTAINERS=true, but no Docker engine is reachable"),
                e.getMessage());
        assertTrue(System.nanoTime() - started < 120_000_000_000L, "answered within the check's 120 s");
    }

    private static Set<Long> children() {
        Set<Long> pids = ConcurrentHashMap.newKeySet();
        ProcessHandle.current().children().forEach(p -> pids.add(p.pid()));
        return pids;
    }
}
