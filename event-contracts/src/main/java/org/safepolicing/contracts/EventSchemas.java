package org.safepolicing.contracts;

import java.io.InputStream;
import java.util.Map;

import org.safepolicing.contracts.events.AgencyCredentialChanged;
import org.safepolicing.contracts.events.AgencySnapshot;
import org.safepolicing.contracts.events.CoResponderProgramChanged;
import org.safepolicing.contracts.events.CredentialingBodyChanged;
import org.safepolicing.contracts.events.EligibilityChanged;
import org.safepolicing.contracts.events.PublicReleasePublished;
import org.safepolicing.contracts.events.ReportingStatusChanged;
import org.safepolicing.contracts.events.SurveyReportPublished;
import org.safepolicing.contracts.events.TrainingCoverageChanged;

/**
 * Where the JSON Schema (draft 2020-12) of each event's data lives on the classpath of this module's jar. The schemas
 * and the AsyncAPI document are what partner agencies read; the payload records in {@code events} are the same
 * contract for the suite's own services, and a test keeps the two from drifting apart.
 */
public final class EventSchemas {

    /** Classpath folder of the schemas (no leading slash, as {@link ClassLoader#getResource(String)} expects). */
    public static final String DIRECTORY = "schemas/";

    /** Classpath path of the AsyncAPI 3.0 document that describes every topic. */
    public static final String ASYNCAPI = "asyncapi.yaml";

    /** Schema resource path per payload class. */
    public static final Map<Class<? extends Record>, String> BY_PAYLOAD = Map.of(
            AgencySnapshot.class, DIRECTORY + "agency-snapshot.v1.json",
            CredentialingBodyChanged.class, DIRECTORY + "credentialing-body-changed.v1.json",
            AgencyCredentialChanged.class, DIRECTORY + "agency-credential-changed.v1.json",
            ReportingStatusChanged.class, DIRECTORY + "reporting-status-changed.v1.json",
            PublicReleasePublished.class, DIRECTORY + "public-release-published.v1.json",
            CoResponderProgramChanged.class, DIRECTORY + "coresponder-program-changed.v1.json",
            TrainingCoverageChanged.class, DIRECTORY + "training-coverage-changed.v1.json",
            SurveyReportPublished.class, DIRECTORY + "survey-report-published.v1.json",
            EligibilityChanged.class, DIRECTORY + "eligibility-changed.v1.json");

    /**
     * The classpath path of the schema of an event type's data, e.g. {@code schemas/agency-snapshot.v1.json}.
     *
     * @throws IllegalArgumentException when the type is not one of {@link EventTypes}
     */
    public static String schemaFor(String eventType) {
        Class<? extends Record> payload = EventTypes.PAYLOADS.get(eventType);
        if (payload == null) {
            throw new IllegalArgumentException("unknown event type " + eventType);
        }
        return schemaForPayload(payload);
    }

    /**
     * The classpath path of the schema of a payload record.
     *
     * @throws IllegalArgumentException when the class is not an event payload of this module
     */
    public static String schemaForPayload(Class<? extends Record> payload) {
        String path = BY_PAYLOAD.get(payload);
        if (path == null) {
            throw new IllegalArgumentException("no schema for " + payload.getName());
        }
        return path;
    }

    /** Opens the schema of an event type's data; the caller closes the stream. */
    public static InputStream open(String eventType) {
        String path = schemaFor(eventType);
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("schema " + path + " is missing from the classpath");
        }
        return in;
    }

    private EventSchemas() {
    }
}
