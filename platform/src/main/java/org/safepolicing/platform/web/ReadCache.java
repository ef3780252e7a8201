package org.safepolicing.platform.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers of a public read kept for a short time, so that a burst of the same request costs one query: entries live
 * {@code ttl} and the whole cache is forgotten when it holds {@code maxEntries} or when {@link #clear()} is called
 * (the service calls it when a transaction of its own that changed what the answers show commits:
 * {@link org.safepolicing.platform.events.EventsCommitted}). Stated policy for its users: an answer may be up to
 * {@code ttl} older than a change another replica committed, never older than one this replica committed. Values must
 * be immutable (records of immutable lists), as every caller shares them. A {@code ttl} of zero keeps nothing.
 */
public final class ReadCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public ReadCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The cached answer for {@code key}, or {@code read}'s, kept when no {@link #clear()} came while it was read. */
    public V get(K key, Supplier<V> read) {
        long now = System.nanoTime();
        Entry<V> cached = entries.get(key);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached.value();
        }
        long before = generation.get();
        V value = read.get();
        if (ttlNanos > 0) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now + ttlNanos));
            if (generation.get() != before) {
                entries.remove(key); // a change committed while it was read: the answer may predate it
            }
        }
        return value;
    }

    public void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
