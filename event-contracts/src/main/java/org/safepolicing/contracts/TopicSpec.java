package org.safepolicing.contracts;

import java.time.Duration;

/**
 * One Kafka topic as a contract: its name, how it is partitioned and kept, and which service alone writes it.
 *
 * @param name       the topic name; the version suffix changes only on a breaking change
 * @param partitions partition count; events of one aggregate share a key, so they stay in order on one partition
 * @param compacted  true for topics that hold the latest state per key (log compaction)
 * @param retention  how long records are kept; {@code null} means forever (compacted topics)
 * @param owner      the only service that may write the topic
 * @param partnerReadable true where partner agencies may subscribe
 */
public record TopicSpec(String name, int partitions, boolean compacted, Duration retention, String owner,
                        boolean partnerReadable) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
    }
}
