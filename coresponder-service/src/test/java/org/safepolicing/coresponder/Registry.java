package org.safepolicing.coresponder;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.testing.TopicProbe;

/**
 * Writes the agency snapshots credentialing-service would publish on agency-registry.v1, as raw CloudEvents on the
 * real broker (the producer does not run in these tests). Each method returns the event's ce_id.
 */
public final class Registry {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    /** Stands in for the producer's outbox sequence: increasing across everything a test JVM sends. */
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis());

    public static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    /** Registers (or updates) an agency with these counts; a new sequence and event id. */
    public static String agency(String ori, AgencyType type, Integer sworn, Long population) {
        return agency(ori, type, sworn, population, nextSequence(), UUID.randomUUID().toString());
    }

    public static String agency(String ori, AgencyType type, Integer sworn, Long population, long sequence, String eventId) {
        AgencySnapshot snapshot = new AgencySnapshot(ori, "Agency " + ori, type, ori.substring(0, 2), "Test County", sworn,
                population, "URBAN", true, 1, Instant.now());
        send(ori, EventTypes.AGENCY_UPDATED, json(snapshot), sequence, eventId);
        return eventId;
    }

    public static void send(String key, String type, String data, long sequence, String eventId) {
        TopicProbe.send(Topics.AGENCY_REGISTRY, key, data,
                "ce_specversion", "1.0",
                "ce_id", eventId,
                "ce_type", type,
                "ce_source", "/safe-policing/credentialing-service",
                "ce_time", Instant.now().toString(),
                "ce_sequence", Long.toString(sequence),
                "content-type", "application/json");
    }

    static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Registry() {
    }
}
