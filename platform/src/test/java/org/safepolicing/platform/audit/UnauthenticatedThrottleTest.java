package org.safepolicing.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

/** The limit on 401 rows: per address and per replica per minute, the skipped ones counted and reported next time. */
class UnauthenticatedThrottleTest {

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final Counter notRecorded = new SimpleMeterRegistry().counter("not_recorded");

    @Test
    void anAddressGetsItsRowsPerMinuteAndItsNextRowCountsWhatWasSkipped() {
        UnauthenticatedThrottle throttle = new UnauthenticatedThrottle(clock, 3, 100, notRecorded);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.admit("10.0.0.1"), "row " + i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(-1, throttle.admit("10.0.0.1"), "over the limit");
        }
        assertEquals(0, throttle.admit("10.0.0.2"), "another address has its own limit");
        assertEquals(5.0, notRecorded.count());

        millis.addAndGet(60_000);
        assertEquals(5, throttle.admit("10.0.0.1"), "the next minute's first row reports the 5 skipped");
        assertEquals(0, throttle.admit("10.0.0.1"), "and only once");
    }

    @Test
    void theReplicaHasALimitOfItsOwnOverAllAddresses() {
        UnauthenticatedThrottle throttle = new UnauthenticatedThrottle(clock, 10, 4, notRecorded);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, throttle.admit("10.0.1." + i));
        }
        assertEquals(-1, throttle.admit("10.0.1.99"), "the replica's limit holds for a new address too");
        assertEquals(-1, throttle.admit(null), "no address is one address of its own");
        millis.addAndGet(60_000);
        assertEquals(1, throttle.admit("10.0.1.99"), "its skipped refusal is reported with its next row");
    }
}
