package org.safepolicing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final Set<String> SERVICES = Set.of(Topics.CREDENTIALING_SERVICE, Topics.RECORDS_SERVICE,
            Topics.CORESPONDER_SERVICE, Topics.GRANTS_SERVICE);

    @Test
    void topicNamesAreUniqueAndVersioned() {
        List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), "duplicate topic names: " + names);
        names.forEach(n -> assertTrue(n.matches("[a-z][a-z0-9.-]*\\.v[0-9]+"), n + " ends with its version"));
    }

    @Test
    void theOwnersAreTheFourServices() {
        assertEquals(SERVICES, Topics.ALL.stream().map(TopicSpec::owner).collect(Collectors.toSet()));
    }

    @Test
    void everyServiceHasItsOwnDeadLetterTopicThatPartnersCannotRead() {
        for (String service : SERVICES) {
            TopicSpec deadLetter = Topics.find(Topics.deadLetter(service)).orElseThrow(
                    () -> new AssertionError("no dead-letter topic for " + service));
            assertEquals(service + ".dead-letter.v1", deadLetter.name());
            assertEquals(service, deadLetter.owner());
            assertFalse(deadLetter.partnerReadable(), deadLetter.name());
            assertFalse(deadLetter.compacted(), deadLetter.name());
        }
    }

    @Test
    void everyServiceAnchorsItsAuditTrailOnATopicOfItsOwn() {
        for (String service : SERVICES) {
            TopicSpec anchors = Topics.find(Topics.auditAnchors(service)).orElseThrow(
                    () -> new AssertionError("no audit-anchor topic for " + service));
            assertEquals(service + ".audit-anchors.v1", anchors.name());
            assertEquals(service, anchors.owner(), "only the service itself writes its anchors");
            assertTrue(anchors.compacted(), "the latest anchor per service stays");
            assertNull(anchors.retention(), anchors.name());
            assertFalse(anchors.partnerReadable(), anchors.name());
        }
    }

    @Test
    void everyEventTopicIsPartnerReadableAndKeptLongEnough() {
        List<String> eventTopics = List.of(Topics.AGENCY_REGISTRY, Topics.CREDENTIALING_EVENTS, Topics.RECORDS_REPORTING,
                Topics.RECORDS_PUBLIC_RELEASES, Topics.CORESPONDER_EVENTS, Topics.GRANTS_ELIGIBILITY);
        assertEquals(eventTopics.size() + 2 * SERVICES.size(), Topics.ALL.size());
        for (String name : eventTopics) {
            TopicSpec spec = Topics.find(name).orElseThrow();
            assertTrue(spec.partnerReadable(), name);
            if (spec.compacted()) {
                assertNull(spec.retention(), name + ": a compacted topic keeps the latest record per key forever");
            }
        }
        assertTrue(Topics.find(Topics.AGENCY_REGISTRY).orElseThrow().compacted());
        assertTrue(Topics.find("no.such.topic.v1").isEmpty());
    }

    @Test
    void aTopicSpecNeedsANameAndAPartition() {
        assertThrows(IllegalArgumentException.class, () -> new TopicSpec(" ", 1, false, null, Topics.GRANTS_SERVICE, false));
        assertThrows(IllegalArgumentException.class, () -> new TopicSpec("x.v1", 0, false, null, Topics.GRANTS_SERVICE, false));
    }
}
