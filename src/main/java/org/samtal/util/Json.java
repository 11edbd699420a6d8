package org.samtal.util;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.nio.file.Path;

/** The one place samtal's JSON conventions live: paths as plain strings, nulls left out, unknown fields tolerated. */
public final class Json {
    private Json() {
    }

    /** A new mapper with samtal's conventions (mappers are cheap to keep; make one per component). */
    public static ObjectMapper mapper() {
        SimpleModule paths = new SimpleModule("samtal-paths");
        paths.addSerializer(Path.class, new JsonSerializer<>() {
            @Override
            public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        return new ObjectMapper()
                .registerModule(paths)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
