package org.safepolicing.grants;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.AgencyType;
import org.safepolicing.contracts.events.BodyStatus;
import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.ProgramModel;
import org.safepolicing.contracts.events.ProgramStatus;
import org.safepolicing.contracts.events.ReportingStatus;
import org.safepolicing.contracts.events.ReportingStatusChanged;
import org.safepolicing.contracts.events.SurveyReportPublished;
import org.safepolicing.contracts.events.TrainingCoverageChanged;
import org.safepolicing.contracts.events.CredentialStatus;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.stack.KafkaTopics;
import org.safepolicing.testing.TopicProbe;

/**
 * Writes the events credentialing-, records- and coresponder-service would publish, as raw CloudEvents on the real broker: the producer is not
 * running in these tests. Each method returns the event's ce_id.
 */
final class Upstream {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    /** Stands in for the producer's outbox sequence: increasing across everything a test JVM sends. */
    private static final AtomicLong SEQUENCE = new AtomicLong(1_000);
    /** While {@link #inOnePoll} runs: the records held back. */
    private static final ThreadLocal<List<Held>> HELD = new ThreadLocal<>();

    private Upstream() {
    }

    /** A fresh ORI per test, so tests never see each other's agencies. */
    static String randomOri() {
        return "VA" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    static String agency(String ori, AgencyType type, Instant time) {
        AgencySnapshot snapshot = new AgencySnapshot(ori, "Agency " + ori, type, ori.substring(0, 2), "Test County", 40,
                25_000L, "URBAN", true, 1, time);
        return send(Topics.AGENCY_REGISTRY, ori, EventTypes.AGENCY_REGISTERED, json(snapshot), nextSequence(), time);
    }

    static String certifiedBody(UUID bodyId, String name, Instant time) {
        return body(bodyId, name, EventTypes.BODY_CERTIFIED, BodyStatus.CERTIFIED, BodyStatus.APPLIED, null, time);
    }

    static String body(UUID bodyId, String name, String type, BodyStatus status, BodyStatus previous, String reason,
                       Instant time) {
        CredentialingBodyChanged change = new CredentialingBodyChanged(bodyId, name, status, previous,
                List.of("UOF_LAWFUL", "CHOKEHOLD_BAN"), LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31), reason, time);
        return send(Topics.CREDENTIALING_EVENTS, bodyId.toString(), type, json(change), nextSequence(), time);
    }

    static String credential(String ori, UUID bodyId, String type, CredentialStatus status, Instant time) {
        return credential(ori, bodyId, type, status, time, nextSequence());
    }

    static String credential(String ori, UUID bodyId, String type, CredentialStatus status, Instant time, long sequence) {
        return send(Topics.CREDENTIALING_EVENTS, ori, type, credentialJson(ori, bodyId, status, time), sequence, time);
    }

    static String credentialJson(String ori, UUID bodyId, CredentialStatus status, Instant time) {
        return json(new AgencyCredentialChanged(UUID.nameUUIDFromBytes(ori.getBytes()), ori, bodyId, status, null,
                "DOJ-2020", null, null, null, null, time, null));
    }

    /**
     * credentialing.events.v1: one credential of the agency, with its own id, validity and, for a renewal, the id of
     * the credential it renews.
     */
    static String credential(String ori, UUID credentialId, UUID bodyId, String type, CredentialStatus status,
                             LocalDate validUntil, UUID renewalOf, Instant time) {
        AgencyCredentialChanged change = new AgencyCredentialChanged(credentialId, ori, bodyId, status, null, "DOJ-2020",
                validUntil == null ? null : validUntil.minusMonths(36), validUntil,
                status == CredentialStatus.DENIED ? List.of("CHOKEHOLD_BAN") : null, null, time, renewalOf);
        return send(Topics.CREDENTIALING_EVENTS, ori, type, json(change), nextSequence(), time);
    }

    /** records.reporting.v1: the agency is current in reporting (records-service's standing for it). */
    static String reportingCurrent(String ori, Instant time) {
        return reporting(ori, "2026-Q3", ReportingStatus.SUBMITTED, true, time);
    }

    /** records.reporting.v1: the agency's standing for a period; {@code current} is whether it is current overall. */
    static String reporting(String ori, String period, ReportingStatus status, boolean current, Instant time) {
        return reporting(ori, period, status, current, time, nextSequence());
    }

    static String reporting(String ori, String period, ReportingStatus status, boolean current, Instant time,
                            long sequence) {
        ReportingStatusChanged change = new ReportingStatusChanged(ori, period, status, ReportingStatus.OPEN,
                LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 30), current, time);
        return send(Topics.RECORDS_REPORTING, ori, EventTypes.REPORTING_STATUS_CHANGED, json(change), sequence, time);
    }

    /** coresponder.events.v1: a co-responder program's status. */
    static String coResponderProgram(UUID programId, String ori, ProgramStatus status, Instant time) {
        CoResponderProgramChanged change = new CoResponderProgramChanged(programId, ori, "County Behavioral Health",
                ProgramModel.CO_RESPONDER_RIDE_ALONG, status, null, time);
        return send(Topics.CORESPONDER_EVENTS, ori, EventTypes.PROGRAM_STATUS_CHANGED, json(change), nextSequence(), time);
    }

    /** coresponder.events.v1: a co-responder program running {@code model}, with its status. */
    static String coResponderProgram(UUID programId, String ori, ProgramModel model, ProgramStatus status, Instant time) {
        CoResponderProgramChanged change = new CoResponderProgramChanged(programId, ori, "Partner " + model, model, status,
                null, time);
        return send(Topics.CORESPONDER_EVENTS, ori, EventTypes.PROGRAM_STATUS_CHANGED, json(change), nextSequence(), time);
    }

    /** coresponder.events.v1: HHS's survey report for {@code year} (state null: national), keyed by the report id. */
    static String surveyReport(UUID reportId, int version, int year, String state,
                               List<SurveyReportPublished.RecommendedModel> models, Instant time) {
        return send(Topics.CORESPONDER_EVENTS, reportId.toString(), EventTypes.SURVEY_REPORT_PUBLISHED,
                surveyReportJson(reportId, version, year, state, models, time), nextSequence(), time);
    }

    static String surveyReportJson(UUID reportId, int version, int year, String state,
                                   List<SurveyReportPublished.RecommendedModel> models, Instant time) {
        return json(new SurveyReportPublished(reportId, version, Integer.toString(year), year, state, time, models));
    }

    /** One recommended model of a survey report, with a rule and rationale naming it. */
    static SurveyReportPublished.RecommendedModel recommended(ProgramModel model, int rank, String recommendation) {
        return new SurveyReportPublished.RecommendedModel(model, rank, recommendation, "R-" + recommendation,
                "measured outcomes of " + model, 1_000L * rank, null);
    }

    /** coresponder.events.v1: the agency's training coverage. */
    static String trainingCoverage(String ori, int trained, int sworn, Instant time) {
        TrainingCoverageChanged change = new TrainingCoverageChanged(ori, trained, sworn,
                sworn == 0 ? 0 : (double) trained / sworn, time);
        return send(Topics.CORESPONDER_EVENTS, ori, EventTypes.TRAINING_COVERAGE_CHANGED, json(change), nextSequence(),
                time);
    }

    /** Sends one record with all CloudEvents headers; returns its ce_id. */
    static String send(String topic, String key, String type, String data, long sequence, Instant time) {
        String id = UUID.randomUUID().toString();
        send(topic, key, type, data, sequence, time, id);
        return id;
    }

    /**
     * Runs {@code sends} holding back what it sends, then writes it to the broker in one producer batch, so grants
     * receives the records of one key in one poll (one batch of its consumer), in the order sent. One topic only.
     */
    static void inOnePoll(Runnable sends) {
        List<Held> held = new ArrayList<>();
        HELD.set(held);
        try {
            sends.run();
        } finally {
            HELD.remove();
        }
        String topic = held.get(0).topic();
        if (held.stream().anyMatch(h -> !h.topic().equals(topic))) {
            throw new IllegalArgumentException("records for one poll go to one topic");
        }
        TopicProbe.sendTogether(topic, held.stream().map(Held::record).toList());
    }

    private record Held(String topic, KafkaTopics.Outgoing record) {
    }

    static void send(String topic, String key, String type, String data, long sequence, Instant time, String id) {
        String[] headers = {"ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", "/test",
                "ce_time", time.toString(), "ce_sequence", Long.toString(sequence), "content-type", "application/json"};
        List<Held> held = HELD.get();
        if (held != null) {
            held.add(new Held(topic, new KafkaTopics.Outgoing(key, data, headers)));
            return;
        }
        TopicProbe.send(topic, key, data, headers);
    }

    /** A top-level field of a record's JSON value as text; null when absent or JSON null. */
    static String field(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(record.value()).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
