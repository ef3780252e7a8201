package org.safepolicing.platform.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A JSON string with a NUL character is refused while the body is read (400 problem+json naming the field), the way
 * {@link NulFilter} refuses it in a path or query: PostgreSQL cannot store it, and no field of the API needs it.
 */
@Singleton
public class NulRefusingJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-refusing-strings").addDeserializer(String.class, new Strings()));
    }

    static final class Strings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, value.replace('\u0000', '?'),
                        "contains a NUL character");
            }
            return value;
        }
    }
}
