package org.safepolicing.platform.audit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many 401 refusals become audit rows, so that a flood of bad tokens cannot flood {@code audit_entry}: per source
 * address at most {@code platform.audit.unauthenticated.per-address-per-minute} rows a minute, and per replica at most
 * {@code platform.audit.unauthenticated.per-minute}. Those over the limit are counted (metric
 * {@code audit_unauthenticated_not_recorded_total}) and the address's next row says how many of its refusals were not
 * recorded since its last row. Fixed one-minute windows, per replica, in memory.
 */
@ApplicationScoped
public class UnauthenticatedThrottle {

    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int perAddress;
    private final int perReplica;
    private final Counter notRecorded;
    private final ConcurrentHashMap<String, Window> addresses = new ConcurrentHashMap<>();
    private final Window replica = new Window(-1);

    @Inject
    UnauthenticatedThrottle(@ConfigProperty(name = "platform.audit.unauthenticated.per-address-per-minute", defaultValue = "20") int perAddress,
                            @ConfigProperty(name = "platform.audit.unauthenticated.per-minute", defaultValue = "300") int perReplica,
                            MeterRegistry metrics) {
        this(Clock.systemUTC(), perAddress, perReplica, Counter.builder("audit_unauthenticated_not_recorded_total")
                .description("401 refusals not written to the audit trail because their address or the replica was over its limit")
                .register(metrics));
    }

    UnauthenticatedThrottle(Clock clock, int perAddress, int perReplica, Counter notRecorded) {
        this.clock = clock;
        this.perAddress = perAddress;
        this.perReplica = perReplica;
        this.notRecorded = notRecorded;
    }

    /**
     * @return -1 when this refusal is not to be recorded; otherwise how many refusals from this address were not
     *         recorded since its last recorded one (0 usually)
     */
    public long admit(String address) {
        long minute = clock.millis() / 60_000;
        String key = address == null ? "?" : address;
        if (addresses.size() > MAX_ADDRESSES) {
            addresses.values().removeIf(w -> w.minute < minute);
        }
        Window window = addresses.computeIfAbsent(key, k -> new Window(minute));
        synchronized (window) {
            window.roll(minute);
            boolean addressFull = window.recorded >= perAddress;
            boolean replicaFull;
            synchronized (replica) {
                replica.roll(minute);
                replicaFull = replica.recorded >= perReplica;
                if (!addressFull && !replicaFull) {
                    replica.recorded++;
                }
            }
            if (addressFull || replicaFull) {
                window.skipped.incrementAndGet();
                notRecorded.increment();
                return -1;
            }
            window.recorded++;
            return window.skipped.getAndSet(0);
        }
    }

    private static final class Window {
        long minute;
        int recorded;
        final AtomicLong skipped = new AtomicLong();

        Window(long minute) {
            this.minute = minute;
        }

        void roll(long now) {
            if (now != minute) {
                minute = now;
                recorded = 0; // skipped carries over: the next recorded row reports it
            }
        }
    }
}
