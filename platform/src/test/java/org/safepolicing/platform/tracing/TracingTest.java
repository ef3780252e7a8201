package org.safepolicing.platform.tracing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.safepolicing.contracts.EventTypes;
import org.safepolicing.contracts.Topics;
import org.safepolicing.platform.events.CloudEventHeaders;
import org.safepolicing.platform.events.OutboxRelay;
import org.safepolicing.platform.events.TestTopics;
import org.safepolicing.testing.SuiteServers;
import org.safepolicing.testing.TopicProbe;

/**
 * One trace from a request through the outbox, the relay and a consumer to the event the consumer publishes, on the
 * real broker and database: the row keeps the request's {@code traceparent}, the record carries the relay span's, the
 * consumer's effect is that span's child and the follow-up event continues the trace. A row without a trace context is
 * sent and consumed as before, and the context travels while nothing is sampled (the default: no export).
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteServers.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(TestTopics.class)
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void oneTraceFromTheRequestThroughTheConsumerToTheEventItPublishes() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        String key = "traced-" + UUID.randomUUID();
        String eventId = given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .when().post("/platform-test/traced/" + key)
                .then().statusCode(200).extract().asString();

        // the outbox row keeps the request's context
        String rowParent = column("traceparent", eventId);
        assertNotNull(rowParent, "the row keeps the trace context it was written in");
        assertEquals(traceId, traceIdOf(rowParent));

        // the record carries the relay span's context, in the same trace
        ConsumerRecord<String, String> sent;
        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), Topics.AGENCY_REGISTRY)) {
            sent = probe.await(r -> eventId.equals(TopicProbe.header(r, CloudEventHeaders.ID)), WAIT);
        }
        String sentParent = TopicProbe.header(sent, "traceparent");
        assertNotNull(sentParent, "the Kafka record carries a traceparent header");
        assertEquals(traceId, traceIdOf(sentParent));
        assertTrue(sentParent.endsWith("-01"), "sampled, as the caller asked: " + sentParent);

        // the consumer's follow-up event continues the trace
        ConsumerRecord<String, String> followUp;
        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), Topics.CREDENTIALING_EVENTS)) {
            followUp = probe.await(r -> key.equals(r.key()), WAIT);
        }
        assertEquals(EventTypes.BODY_APPLIED, TopicProbe.header(followUp, CloudEventHeaders.TYPE));
        String followUpParent = TopicProbe.header(followUp, "traceparent");
        assertNotNull(followUpParent, "the event published while consuming carries the consumer's context");
        assertEquals(traceId, traceIdOf(followUpParent));

        // the span chain, as the collector receives it
        SpanData server = awaitSpan(traceId, s -> s.getKind() == SpanKind.SERVER);
        assertEquals(callerSpan, server.getParentSpanId(), "the request's span continues the caller's trace");
        assertEquals(spanIdOf(rowParent), server.getSpanId(), "the row keeps the request's span");

        SpanData publish = awaitSpan(traceId, s -> s.getName().equals("publish " + Topics.AGENCY_REGISTRY));
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals(server.getSpanId(), publish.getParentSpanId(), "the relay's send is a child of the request");
        assertEquals(spanIdOf(sentParent), publish.getSpanId(), "the record carries the relay span's context");
        assertEquals(eventId, publish.getAttributes().get(EventSpans.EVENT_ID));

        SpanData batch = awaitSpan(traceId, s -> s.getName().equals("process " + Topics.AGENCY_REGISTRY)
                && s.getLinks().stream().anyMatch(l -> l.getSpanContext().getSpanId().equals(publish.getSpanId())));
        assertEquals(SpanKind.CONSUMER, batch.getKind());
        assertEquals(TracedTestApp.CONSUMER, batch.getAttributes().get(EventSpans.CONSUMER));
        List<String> linked = batch.getLinks().stream().map(LinkData::getSpanContext).map(c -> c.getSpanId()).toList();
        assertTrue(linked.contains(publish.getSpanId()), "the batch links to its record's context: " + linked);

        SpanData applied = awaitSpan(traceId, s -> s.getName().equals("process " + EventTypes.AGENCY_REGISTERED));
        assertEquals(publish.getSpanId(), applied.getParentSpanId(), "the effect is a child of the relay's send");
        assertEquals(eventId, applied.getAttributes().get(EventSpans.EVENT_ID));

        SpanData publishFollowUp = awaitSpan(traceId, s -> s.getName().equals("publish " + Topics.CREDENTIALING_EVENTS));
        assertEquals(applied.getSpanId(), publishFollowUp.getParentSpanId(),
                "the follow-up was written in the effect's span and sent as its child");
        assertEquals(spanIdOf(followUpParent), publishFollowUp.getSpanId());
    }

    @Test
    void aRowWithoutTraceContextIsSentAndConsumedAsBefore() throws Exception {
        String key = "untraced-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into outbox_event (id, topic, event_type, aggregate_type, aggregate_key, payload, occurred_at)
                     values (?, ?, ?, 'agency', ?, cast(? as jsonb), now())""")) {
            insert.setObject(1, id);
            insert.setString(2, Topics.AGENCY_REGISTRY);
            insert.setString(3, EventTypes.AGENCY_REGISTERED);
            insert.setString(4, key);
            insert.setString(5, "{\"ori\":\"" + key + "\",\"name\":\"Old Row PD\",\"active\":true,\"version\":1}");
            insert.executeUpdate();
        }
        relay.wake();

        ConsumerRecord<String, String> sent;
        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), Topics.AGENCY_REGISTRY)) {
            sent = probe.await(r -> id.toString().equals(TopicProbe.header(r, CloudEventHeaders.ID)), WAIT);
        }
        assertNull(TopicProbe.header(sent, "traceparent"), "a row without context is sent without trace headers");
        assertNull(TopicProbe.header(sent, "tracestate"));
        assertEquals(key, sent.key());
        awaitApplied(id.toString());
        assertEquals("PUBLISHED", column("status", id.toString()));
        assertNull(column("traceparent", id.toString()));
    }

    @Test
    void theContextTravelsWhileNothingIsSampled() throws Exception {
        // the default: new traces are not sampled, so nothing is exported, yet the context is carried
        String key = "unsampled-" + UUID.randomUUID();
        String eventId = given().when().post("/platform-test/traced/" + key).then().statusCode(200).extract().asString();

        String rowParent = column("traceparent", eventId);
        assertNotNull(rowParent, "the row keeps the request's context although it is not sampled");
        assertTrue(rowParent.endsWith("-00"), rowParent);

        ConsumerRecord<String, String> sent;
        try (TopicProbe probe = TopicProbe.on(TestTopics.bootstrap(), Topics.AGENCY_REGISTRY)) {
            sent = probe.await(r -> eventId.equals(TopicProbe.header(r, CloudEventHeaders.ID)), WAIT);
        }
        String sentParent = TopicProbe.header(sent, "traceparent");
        assertNotNull(sentParent);
        assertEquals(traceIdOf(rowParent), traceIdOf(sentParent), "the same trace");
        assertNotEquals(spanIdOf(rowParent), spanIdOf(sentParent), "the relay's own span");
        assertTrue(sentParent.endsWith("-00"), sentParent);
        awaitApplied(eventId);
    }

    @Test
    void healthAndMetricsRequestsMakeNoSpans() throws Exception {
        String quiet = hex(16);
        given().header("traceparent", "00-" + quiet + "-" + hex(8) + "-01").when().get("/q/health/ready").then().statusCode(200);
        given().header("traceparent", "00-" + quiet + "-" + hex(8) + "-01").when().get("/q/metrics").then().statusCode(200);
        // a traced request after them: once its span is exported, theirs would have been too (spans leave in order)
        String traced = hex(16);
        given().header("traceparent", "00-" + traced + "-" + hex(8) + "-01")
                .when().post("/platform-test/traced/quiet-" + UUID.randomUUID()).then().statusCode(200);
        awaitSpan(traced, s -> s.getKind() == SpanKind.SERVER);
        assertEquals(List.of(), TracedTestApp.SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(quiet)).map(SpanData::getName).toList());
    }

    private void awaitApplied(String eventId) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (count("select count(*) from applied_event where consumer = ? and event_id = ?", TracedTestApp.CONSUMER,
                eventId) == 0) {
            assertTrue(Instant.now().isBefore(deadline), "event " + eventId + " was not applied within " + WAIT);
            Thread.sleep(100);
        }
    }

    private static SpanData awaitSpan(String traceId, Predicate<SpanData> match) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            Optional<SpanData> found = TracedTestApp.SPANS.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId)).filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertTrue(Instant.now().isBefore(deadline), "no such span of trace " + traceId + " within " + WAIT + "; spans: "
                    + TracedTestApp.SPANS.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                    .map(SpanData::getName).toList());
            Thread.sleep(100);
        }
    }

    private static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String spanIdOf(String traceparent) {
        return traceparent.split("-")[2];
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(b);
    }

    private String column(String name, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select " + name + " from outbox_event where id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
