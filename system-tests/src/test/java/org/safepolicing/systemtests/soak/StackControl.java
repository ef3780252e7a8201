package org.safepolicing.systemtests.soak;

/**
 * The parts of a running stack the soak kills and starts again: {@code bin/suite}'s (pid files, {@code bin/suite soak
 * --restart NAME}) or the system tests' own stack (SoakSmokeIT). Every start waits until the part is ready again.
 */
public interface StackControl {

    /** The broker, SIGKILLed (it runs in its launcher's JVM: the JVM is killed). Returns once it is gone. */
    void killKafka() throws Exception;

    void startKafka() throws Exception;

    /** PostgreSQL's immediate shutdown (SIGQUIT to the postmaster, as {@code pg_ctl stop -m immediate}), its launcher SIGKILLed. */
    void stopPostgresImmediately() throws Exception;

    void startPostgres() throws Exception;

    /** The service's JVM, SIGKILLed. Returns once it is gone. */
    void killService(String service) throws Exception;

    /**
     * Starts the service again and waits until it is ready; {@code jdbcBase} ({@code jdbc:postgresql://host:port/})
     * points it at another address for PostgreSQL (the fault proxy), null at PostgreSQL itself.
     */
    void startService(String service, String jdbcBase) throws Exception;

    /** PostgreSQL's host and port, for the fault proxy's target. */
    String postgresHost();

    int postgresPort();
}
