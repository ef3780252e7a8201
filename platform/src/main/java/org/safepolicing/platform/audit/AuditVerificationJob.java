package org.safepolicing.platform.audit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;

/**
 * Verifies the audit trail on a schedule ({@code platform.audit.verify-every}, 1 h; first
 * {@code platform.audit.verify-first}, 10 min after start) and exports the outcome, so an alert can watch what an
 * auditor would otherwise only see on request: {@code audit_verification_intact} (1 intact, 0 not; absent until the
 * first run), {@code audit_verification_problems} (rows that do not match, cuts found against the anchor included),
 * {@code audit_verification_rows} and {@code audit_verification_last_completed_seconds} (when the last run ended, Unix
 * seconds: a run that could not complete leaves it behind). A broken trail is also logged as an error.
 */
@ApplicationScoped
public class AuditVerificationJob {

    private static final Logger LOG = Logger.getLogger(AuditVerificationJob.class);

    private final AuditVerifier verifier;
    private final AtomicReference<Outcome> last = new AtomicReference<>();

    /** The last completed verification's figures. */
    record Outcome(boolean intact, long problems, long rows, Instant completedAt) {
    }

    AuditVerificationJob(AuditVerifier verifier, MeterRegistry meters) {
        this.verifier = verifier;
        Gauge.builder("audit.verification.intact", this, j -> j.figure(o -> o.intact() ? 1 : 0))
                .description("1 when the last scheduled verification found the audit trail intact, 0 when not")
                .register(meters);
        Gauge.builder("audit.verification.problems", this, j -> j.figure(Outcome::problems))
                .description("audit rows that did not match at the last scheduled verification").register(meters);
        Gauge.builder("audit.verification.rows", this, j -> j.figure(Outcome::rows))
                .description("audit rows read by the last scheduled verification").register(meters);
        Gauge.builder("audit.verification.last.completed.seconds", this,
                        j -> j.figure(o -> o.completedAt().getEpochSecond()))
                .description("when the last scheduled verification of the audit trail ended (Unix seconds)")
                .register(meters);
    }

    @Scheduled(every = "{platform.audit.verify-every:1h}", delayed = "{platform.audit.verify-first:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            verifyNow();
        } catch (RuntimeException e) {
            LOG.warnf("the audit trail could not be verified this round (%s); the next round tries again", e.toString());
        }
    }

    /** Verifies now and exports the outcome. */
    public AuditVerifier.Verification verifyNow() {
        AuditVerifier.Verification v = QuarkusTransaction.requiringNew().call(verifier::verify);
        last.set(new Outcome(v.intact(), v.problemCount(), v.rowsChecked(), Instant.now()));
        if (!v.intact()) {
            LOG.errorf("the audit trail is NOT intact: %d problem(s) in %d rows, first: %s", v.problemCount(),
                    v.rowsChecked(), v.problems().isEmpty() ? "-" : v.problems().get(0).detail());
        } else {
            LOG.debugf("audit trail intact: %d rows, anchor %s", v.rowsChecked(), v.anchor().status());
        }
        return v;
    }

    private double figure(java.util.function.ToDoubleFunction<Outcome> read) {
        Outcome o = last.get();
        return o == null ? Double.NaN : read.applyAsDouble(o);
    }
}
