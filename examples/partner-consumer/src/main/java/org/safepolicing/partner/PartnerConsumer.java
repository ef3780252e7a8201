package org.safepolicing.partner;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the suite's public topics {@code grants.eligibility.v1} and {@code agency-registry.v1} the way a partner
 * agency should: {@code isolation.level=read_committed} (the suite publishes in Kafka transactions, so only committed
 * events are seen, in order per key), offsets committed only after the changes were acted on (at least once), then
 * {@link PartnerLedger} drops redeliveries ({@code ce_id}) and older events ({@code ce_sequence} per key). Prints one
 * line per change.
 *
 * <pre>
 * java -jar ... org.safepolicing.partner.PartnerConsumer --bootstrap 127.0.0.1:19092 [--group my-agency]
 *      [--seconds 60] [--max-changes N] [--topics grants.eligibility.v1,agency-registry.v1]
 * </pre>
 */
public final class PartnerConsumer {

    public static final List<String> TOPICS = List.of("grants.eligibility.v1", "agency-registry.v1");

    /** What one run saw, for the caller (and the tests). */
    public record Summary(int acted, int duplicates, int stale, int notCloudEvents, List<String> lines) {
    }

    private PartnerConsumer() {
    }

    public static void main(String[] args) {
        String bootstrap = "127.0.0.1:19092";
        String group = "partner-example-" + UUID.randomUUID();
        long seconds = 60;
        int maxChanges = Integer.MAX_VALUE;
        List<String> topics = TOPICS;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--group" -> group = args[i + 1];
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--max-changes" -> maxChanges = Integer.parseInt(args[i + 1]);
                case "--topics" -> topics = List.of(args[i + 1].split(","));
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Summary summary = run(bootstrap, group, topics, Duration.ofSeconds(seconds), maxChanges, System.out);
        System.out.printf("acted on %d changes; dropped %d duplicates, %d older events, %d records that are not CloudEvents%n",
                summary.acted(), summary.duplicates(), summary.stale(), summary.notCloudEvents());
    }

    /** Reads until {@code maxChanges} changes were acted on or {@code duration} passed. */
    public static Summary run(String bootstrap, String group, List<String> topics, Duration duration, int maxChanges,
                              PrintStream out) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        PartnerLedger ledger = new PartnerLedger(1_000_000);
        int acted = 0;
        int duplicates = 0;
        int stale = 0;
        int foreign = 0;
        List<String> lines = new ArrayList<>();
        Instant end = Instant.now().plus(duration);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(topics);
            while (acted < maxChanges && Instant.now().isBefore(end)) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : records) {
                    PublicEvent event = PublicEvent.of(record);
                    if (event == null) {
                        foreign++;
                        continue;
                    }
                    switch (ledger.accept(event)) {
                        case ACT -> {
                            acted++;
                            String line = ChangeLine.of(event);
                            lines.add(line);
                            out.println(line);
                        }
                        case DUPLICATE -> duplicates++;
                        case STALE -> stale++;
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        }
        return new Summary(acted, duplicates, stale, foreign, lines);
    }
}
