package org.samtal.beam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * How the pipeline's records travel between workers: as samtal's JSON (paths as the strings they were given, so a
 * report names the files as the user did), inside small serializable elements. Java serialization of the records
 * themselves would need every nested type serializable, and {@link Path} is not.
 */
final class Wire {
    private static final ObjectMapper JSON = Json.mapper().registerModule(new SimpleModule("samtal-wire-paths")
            .addDeserializer(Path.class, new JsonDeserializer<>() {
                @Override
                public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return Path.of(p.getValueAsString());
                }
            }));

    private Wire() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
