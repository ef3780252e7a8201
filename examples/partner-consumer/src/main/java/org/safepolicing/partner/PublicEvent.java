package org.safepolicing.partner;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of a public topic read as a CloudEvent 1.0 in Kafka binary mode: the attributes are {@code ce_*} headers,
 * the value is the event's JSON data, the key is the aggregate's key (an ORI on both topics this example follows).
 *
 * @param sequence {@code ce_sequence}: the producer's outbox sequence, compared as a number
 */
public record PublicEvent(String topic, String key, String id, String type, String time, long sequence, String data) {

    /** Reads a record; null when it is not a CloudEvent with an id, a type and a numeric sequence. */
    public static PublicEvent of(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        String sequence = header(record, "ce_sequence");
        if (!"1.0".equals(header(record, "ce_specversion")) || id == null || type == null || sequence == null) {
            return null;
        }
        try {
            return new PublicEvent(record.topic(), record.key(), id, type, header(record, "ce_time"),
                    Long.parseLong(sequence.trim()), record.value());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
