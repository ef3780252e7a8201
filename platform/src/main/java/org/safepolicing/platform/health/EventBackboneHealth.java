package org.safepolicing.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.safepolicing.platform.events.OutboxConfig;
import org.safepolicing.platform.events.OutboxRelay;

/**
 * Readiness of the event backbone, and the suite's answer to "Kafka is down": the service stays in service. Its APIs go
 * on accepting writes, because every event is written to the outbox in the write's own transaction and the relay sends
 * it when Kafka is back; consumers resume from their committed offsets. So this check is always UP, and says
 * {@code DEGRADED} in its data when
 * <ul>
 * <li>a broker does not answer a metadata request within {@link #KAFKA_TIMEOUT} ({@code kafka}), or the relay's last
 * send failed ({@code relay}), or</li>
 * <li>the oldest event waiting in the outbox is older than {@code platform.outbox.backlog-alert}, or an event Kafka
 * refuses for good was parked ({@code outbox}; also the metrics {@code outbox_oldest_pending_seconds} and
 * {@code outbox_events_parked}).</li>
 * </ul>
 * Quarkus' own Kafka readiness check (an admin call that waits up to 60 s during an outage and takes the pod out of
 * service) and the messaging connector's readiness are off (platform {@code microprofile-config.properties}); the
 * database's readiness stays: without its database a service cannot answer anything but 503.
 */
@Readiness
@ApplicationScoped
public class EventBackboneHealth implements HealthCheck {

    /** The longest a readiness probe waits for Kafka. */
    static final Duration KAFKA_TIMEOUT = Duration.ofMillis(1500);
    static final String UP = "UP";
    static final String DEGRADED = "DEGRADED";

    private final OutboxRelay relay;
    private final OutboxConfig config;
    private Admin admin;

    EventBackboneHealth(OutboxRelay relay, OutboxConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-backbone").up();
        boolean degraded = false;

        String kafka = probe();
        response.withData("kafka", kafka == null ? UP : DEGRADED);
        if (kafka != null) {
            response.withData("kafkaProblem", kafka);
            degraded = true;
        }
        response.withData("relay", relay.healthy() ? UP : DEGRADED);
        degraded |= !relay.healthy();

        OutboxRelay.Backlog backlog = relay.backlog();
        response.withData("outboxPending", backlog.pending());
        response.withData("outboxOldestPendingSeconds", Math.round(backlog.oldestSeconds()));
        response.withData("outboxParked", backlog.parked());
        boolean old = backlog.oldestSeconds() > config.backlogAlert().toSeconds();
        boolean parked = backlog.parked() > 0;
        response.withData("outbox", old || parked ? DEGRADED : UP);
        degraded |= old || parked;

        response.withData("status", degraded ? DEGRADED : UP);
        return response.build();
    }

    /** Null when a broker answered in time, else what went wrong. */
    String probe() {
        return probe(admin());
    }

    /** Null when a broker answered {@code admin} within {@link #KAFKA_TIMEOUT}, else what went wrong. */
    static String probe(Admin admin) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis())).nodes()
                    .get(KAFKA_TIMEOUT.toMillis() + 250, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "no broker answered within " + KAFKA_TIMEOUT.toMillis() + " ms (" + cause.getClass().getSimpleName()
                    + ")";
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(settings(relay.kafkaConnection()));
        }
        return admin;
    }

    /** An admin client that gives up quickly: a probe must answer within its own timeout, never Kafka's 60 s. */
    static Map<String, Object> settings(Map<String, Object> connection) {
        Map<String, Object> settings = new HashMap<>(connection);
        int timeout = (int) KAFKA_TIMEOUT.toMillis();
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-probe");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        settings.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000);
        settings.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000);
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return settings;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
