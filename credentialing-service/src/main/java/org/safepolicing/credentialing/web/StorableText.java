package org.safepolicing.credentialing.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

import org.safepolicing.platform.problem.ProblemException;

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text: a value holding one used to fail at the database as a
 * 500. It is refused where it enters instead, as a 400: in any JSON string of a request body (here), in a path or
 * query value ({@link Filter}), and in a CSV cell (the agency import reports the line).
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    public static final char NUL = '\u0000';

    public static boolean storable(String value) {
        return value == null || value.indexOf(NUL) < 0;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("credentialing-storable-text");
        module.addDeserializer(String.class, new StdScalarDeserializer<String>(String.class) {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String value = StringDeserializer.instance.deserialize(p, ctxt);
                if (!storable(value)) {
                    throw InvalidFormatException.from(p, "text with a NUL character", "text with a NUL character (U+0000)",
                            String.class);
                }
                return value;
            }
        });
        mapper.registerModule(module);
    }

    /** Path and query values with a NUL character are a 400 problem. */
    @Provider
    public static class Filter implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            check("path", request.getUriInfo().getPathParameters(true));
            check("query parameter", request.getUriInfo().getQueryParameters(true));
        }

        private static void check(String what, Map<String, List<String>> values) {
            values.forEach((name, list) -> list.forEach(value -> {
                if (!storable(value)) {
                    throw ProblemException.badRequest(what + " " + name + " contains a NUL character (U+0000)");
                }
            }));
        }
    }
}
