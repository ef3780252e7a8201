package org.safepolicing.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ReadCacheTest {

    private final AtomicInteger reads = new AtomicInteger();

    private String read() {
        return "answer " + reads.incrementAndGet();
    }

    @Test
    void aRepeatedReadIsAnsweredFromTheCacheUntilCleared() {
        ReadCache<String, String> cache = new ReadCache<>(Duration.ofHours(1), 10);
        assertEquals("answer 1", cache.get("a", this::read));
        assertEquals("answer 1", cache.get("a", this::read), "the same key: no second read");
        assertEquals("answer 2", cache.get("b", this::read), "another key reads");
        cache.clear();
        assertEquals("answer 3", cache.get("a", this::read), "cleared: read again");
        assertEquals(3, reads.get());
    }

    @Test
    void anAnswerReadWhileAChangeCommittedIsNotKept() {
        ReadCache<String, String> cache = new ReadCache<>(Duration.ofHours(1), 10);
        assertEquals("answer 1", cache.get("a", () -> {
            cache.clear(); // a commit of this replica lands while the query runs
            return read();
        }));
        assertEquals("answer 2", cache.get("a", this::read), "the answer that may predate the change was not kept");
    }

    @Test
    void aFullCacheStartsAfreshAndAZeroTtlKeepsNothing() {
        ReadCache<Integer, String> small = new ReadCache<>(Duration.ofHours(1), 2);
        small.get(1, this::read);
        small.get(2, this::read);
        small.get(3, this::read); // full: forgets 1 and 2
        small.get(1, this::read);
        assertEquals(4, reads.get());

        ReadCache<Integer, String> off = new ReadCache<>(Duration.ZERO, 10);
        off.get(1, this::read);
        off.get(1, this::read);
        assertEquals(6, reads.get());
    }
}
