package org.safepolicing.stack;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.testcontainers.containers.GenericContainer;

/**
 * What the launcher's {@code -container} kinds share: one Testcontainers container, stopped (and removed) by
 * {@link #stop()}; {@link #awaitExit()} returns when it was stopped or ended by itself. Testcontainers' own reaper
 * (Ryuk) removes the container as well if this JVM dies without stopping it.
 */
abstract class ContainerServer implements Launcher.Server {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile GenericContainer<?> container;

    /** The container, configured and not started. */
    abstract GenericContainer<?> create();

    /** After the container started: what it needs before clients use it (databases, topics). */
    void prepare(GenericContainer<?> started) throws Exception {
    }

    @Override
    public void start() throws Exception {
        GenericContainer<?> created = create();
        container = created;
        created.start();
        try {
            prepare(created);
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    GenericContainer<?> container() {
        return container;
    }

    @Override
    public void stop() {
        GenericContainer<?> running = container;
        try {
            if (running != null) {
                running.stop();
            }
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void awaitExit() throws InterruptedException {
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            GenericContainer<?> running = container;
            if (running != null && !running.isRunning()) {
                return; // ended by itself
            }
        }
    }
}
