package org.safepolicing.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Event ids are version 7 UUIDs: the time in their first 48 bits, unique, and ordered by that time as text too. */
class EventIdsTest {

    @Test
    void theFirst48BitsAreTheMillisecondsAndTheRestStaysRandom() {
        UUID random = UUID.fromString("f81d4fae-7dec-41d0-a765-00a0c91e6bf6");
        UUID id = EventIds.at(0x0190_1234_5678L, random);
        assertEquals("01901234-5678-71d0-a765-00a0c91e6bf6", id.toString());
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void idsAreUniqueVersion7AndFollowTheClock() {
        long before = System.currentTimeMillis();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = EventIds.next();
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            ids.add(id);
        }
        long after = System.currentTimeMillis();
        assertEquals(100_000, ids.size(), "no id twice");
        for (UUID id : ids) {
            long millis = id.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after, "time " + millis + " within " + before + ".." + after);
        }
        // a later millisecond sorts after, whatever the random bits
        UUID earlier = EventIds.at(before, new UUID(-1L, -1L & 0xBFFF_FFFF_FFFF_FFFFL));
        UUID later = EventIds.at(before + 1, new UUID(0L, 0x8000_0000_0000_0000L));
        // as text too (the inbox stores ids as text): a later millisecond sorts after
        assertTrue(earlier.toString().compareTo(later.toString()) < 0, earlier + " before " + later);
        assertTrue(earlier.compareTo(later) < 0);
    }
}
