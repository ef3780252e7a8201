package org.safepolicing.grants.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

import org.jboss.logging.Logger;
import org.safepolicing.grants.projection.ProjectionChannels;
import org.safepolicing.grants.projection.ProjectionLock;
import org.safepolicing.platform.audit.AuditTrail;

/**
 * Drops the projection and what was decided from it, and replays every input topic from its start. The topics keep
 * every event (10 years; the registry is compacted to each agency's latest entry), so the replay ends where the
 * projection was. Applications, awards and the agencies tracked per program stay: they are not derived from events;
 * their answers and award flags are re-decided as the replay goes.
 * <p>
 * This replica's consumers are rewound. With several replicas, each rewinds only the partitions assigned to it: run a
 * single replica for a rebuild, or use the procedure in the README (new consumer group).
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> RESET = List.of(
            "truncate agency_projection, body_projection, credential_projection, reporting_projection,"
                    + " coresponder_program_projection, training_projection, survey_report_projection, agency_eligibility",
            "delete from eligibility_history where grant_program_id is null",
            "delete from processed_event where consumer = '" + ProjectionChannels.CONSUMER + "'",
            // the platform's inbox retention keeps a floor per partition for forgotten rows: it would skip the replay
            "delete from inbox_floor where consumer = '" + ProjectionChannels.CONSUMER + "'");

    private final EntityManager em;
    private final ProjectionLock lock;
    private final AuditTrail audit;
    private final KafkaClientService kafka;

    ProjectionRebuild(EntityManager em, ProjectionLock lock, AuditTrail audit, KafkaClientService kafka) {
        this.em = em;
        this.lock = lock;
        this.audit = audit;
        this.kafka = kafka;
    }

    /** Returns the channels rewound. */
    public List<String> rebuild() {
        Instant started = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            lock.forAll(); // no event is applied while the projection is emptied
            RESET.forEach(sql -> em.createNativeQuery(sql).executeUpdate());
            audit.record("grants-projection.rebuild", "projection", ProjectionChannels.CONSUMER, AuditTrail.SUCCESS);
        });
        List<String> rewound = new ArrayList<>();
        for (String channel : ProjectionChannels.ALL) {
            for (KafkaConsumer<Object, Object> consumer : kafka.<Object, Object>getConsumers(channel)) {
                consumer.runOnPollingThread(c -> {
                    c.seekToBeginning(c.assignment());
                }).await().atMost(WAIT);
            }
            rewound.add(channel);
        }
        LOG.infof("grants projection emptied and channels %s rewound in %d ms; replaying", rewound,
                Duration.between(started, Instant.now()).toMillis());
        return rewound;
    }
}
