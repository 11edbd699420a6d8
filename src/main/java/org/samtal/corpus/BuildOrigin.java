package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import org.samtal.text.TextSettings;
import org.samtal.text.TrainingText;
import org.samtal.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How a built corpus was made, as its {@code build-report.json} says: the delivered media file of each recording,
 * the audio stream taken from each, and the training-text settings. Export and review work on a corpus long after
 * its build and must cut and write text the way the build did.
 *
 * @param report      the whole report, or null when the corpus has none
 * @param sources     recording id → delivered media file
 * @param audioStream audio stream index the build decoded
 * @param text        training-text settings of the build (defaults when the report has none)
 */
public record BuildOrigin(JsonNode report, Map<String, Path> sources, int audioStream, TextSettings text) {
    public static final String REPORT = CorpusStore.REPORT;

    /** Reads the report of the corpus in {@code corpus}; a corpus without one gets defaults and no sources. */
    public static BuildOrigin of(Path corpus) throws IOException {
        Path file = CorpusStore.at(corpus).report();
        if (!Files.isRegularFile(file)) return new BuildOrigin(null, Map.of(), 0, TextSettings.defaults());
        JsonNode r;
        try {
            r = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + "); build the corpus again to write it", e);
        }
        // recordings of earlier deliveries are not in the last build's report; their done markers name their files
        Map<String, Path> sources = new HashMap<>(new CorpusWriter(corpus, null, null).sources());
        for (JsonNode rec : r.path("recordings")) {
            if (rec.hasNonNull("recording_id")) sources.put(rec.get("recording_id").asText(), Path.of(rec.get("input").asText()));
        }
        TextSettings d = TextSettings.defaults();
        JsonNode t = r.path("settings").path("text");
        TextSettings text = new TextSettings(null, TrainingText.Case.valueOf(t.path("casing").asText(d.casing().name())),
                TrainingText.Punctuation.valueOf(t.path("punctuation").asText(d.punctuation().name())), d.detectLanguages());
        return new BuildOrigin(r, Map.copyOf(sources), r.path("settings").path("audioStream").asInt(0), text);
    }
}
