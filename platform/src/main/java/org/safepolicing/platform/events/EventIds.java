package org.safepolicing.platform.events;

import java.time.Clock;
import java.util.UUID;

/**
 * Event ids: time-ordered UUIDs (version 7, RFC 9562 section 5.7): the first 48 bits are the Unix time in milliseconds,
 * the other 74 bits (besides version and variant) are those of a random UUID ({@link UUID#randomUUID()}, a secure
 * random source), so two ids collide no more often than two random UUIDs made in the same millisecond.
 * <p>Why time-ordered: an event id is the key of the producer's {@code outbox_event} row and of every consumer's
 * {@code processed_event} row, both B-tree indexes. Random ids put each new row on a random leaf of an index that grows
 * with every event, so a burst dirtied (and, with full-page writes after each checkpoint, logged whole) a page per
 * event; ids that grow with time land on the few rightmost leaves. Consumers still de-duplicate on the id alone and
 * must not read an order into it: ids of different producers, or of one producer within a millisecond, are not in
 * commit order.
 */
public final class EventIds {

    private static final long VERSION_7 = 0x7000L;

    private EventIds() {
    }

    public static UUID next() {
        return at(Clock.systemUTC().millis(), UUID.randomUUID());
    }

    /** The id for {@code millis} taking its random bits from {@code random} (a version 4 UUID). */
    static UUID at(long millis, UUID random) {
        long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | VERSION_7 | random.getMostSignificantBits() & 0x0FFFL;
        // the variant bits of a version 4 UUID are already RFC 9562's (10)
        return new UUID(msb, random.getLeastSignificantBits());
    }
}
