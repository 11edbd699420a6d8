package org.samtal.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array of turns, {@code [{"speaker": "Anna", "text": "...", "start": 1.5, "end": 3.2}, ...]}
 * ({@code speaker}, {@code start} and {@code end} optional). Streaming, so each turn's offset is where its text
 * stands in the file.
 */
final class JsonTurnsReader {
    private JsonTurnsReader() {
    }

    static Transcript read(Path file, String text, List<String> notes) {
        List<Turn> turns = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) throw fail(file, "does not start with [");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String speaker = null;
                String words = null;
                Double start = null;
                Double end = null;
                int offset = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "speaker" -> speaker = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                        case "text" -> {
                            offset = (int) p.currentTokenLocation().getCharOffset() + 1;
                            words = p.getValueAsString();
                        }
                        case "start" -> start = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getDoubleValue();
                        case "end" -> end = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getDoubleValue();
                        default -> p.skipChildren();
                    }
                }
                if (words == null) throw fail(file, "has a turn without \"text\" (turn " + (turns.size() + 1) + ")");
                if ((start == null) != (end == null) || (start != null && end < start)) {
                    throw fail(file, "has turn " + (turns.size() + 1) + " with start and end missing one another or reversed");
                }
                if (!words.isBlank()) turns.add(new Turn(SpeakerIds.of(speaker), words.strip(), start, end, null, offset));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TranscriptException(file, "is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")",
                    "a JSON transcript is an array of {speaker, text, start, end}");
        } catch (IOException e) {
            throw new TranscriptException(file, "cannot be read as JSON (" + e.getMessage() + ")",
                    "a JSON transcript is an array of {speaker, text, start, end}");
        }
        return new Transcript(file, "json", turns, notes);
    }

    private static TranscriptException fail(Path file, String problem) {
        return new TranscriptException(file, problem, "a JSON transcript is an array of {speaker, text, start, end}");
    }
}
