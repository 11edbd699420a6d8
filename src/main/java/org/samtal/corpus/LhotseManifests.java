package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.samtal.media.AudioStreamInfo;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.media.MediaInfo;
import org.samtal.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lhotse manifests. Clip paths are relative to the corpus folder, so a moved or copied corpus still loads:
 * {@code CutSet.from_file(CORPUS/lhotse/cuts_train.jsonl.gz).with_recording_path_prefix(CORPUS)}, or
 * {@code RecordingSet.from_file(...).with_path_prefix(CORPUS)} (Lhotse resolves a relative path against the working
 * folder, not against the manifest). The delivered recordings stay where they were, by absolute path.
 *
 * <pre>
 * lhotse/SPLIT_recordings.jsonl.gz, SPLIT_supervisions.jsonl.gz   one recording per clip
 * lhotse/cuts_SPLIT.jsonl.gz                                      the same as a CutSet (a MonoCut per clip)
 * lhotse/sources_recordings.jsonl.gz, SPLIT_source_supervisions.jsonl.gz   the delivered files, to cut from
 * </pre>
 */
final class LhotseManifests {
    private final ObjectMapper json = Json.mapper();
    private final Media media;
    private final int audioStream;

    /** @param audioStream the audio stream the build decoded, counted among audio streams */
    LhotseManifests(Media media, int audioStream) {
        this.media = media;
        this.audioStream = audioStream;
    }

    /**
     * @param words each segment's word times (a list of {@code {"word","start","end"}} in seconds of the source
     *              recording), for the segments whose engine gave them
     */
    void write(Path dir, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources, Map<String, JsonNode> words,
               java.util.function.Consumer<String> warn) throws IOException {
        Map<String, ObjectNode> sourceRecordings = new TreeMap<>();
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (var e : bySplit.entrySet()) {
            List<String> recs = new ArrayList<>();
            List<String> sups = new ArrayList<>();
            List<String> cuts = new ArrayList<>();
            List<String> sourceSups = new ArrayList<>();
            for (ManifestRow r : e.getValue()) {
                long samples = Math.round(r.duration() * 16_000);
                ObjectNode rec = recording(r.id(), r.audioFilepath(), 16_000, samples, 1);
                ObjectNode sup = supervision(r.id(), r.id(), 0, r.duration(), r);
                sup.put("channel", 0);
                JsonNode w = words.get(r.id());
                if (w != null) alignment(sup, w, r.start(), r.duration());
                recs.add(json.writeValueAsString(rec));
                sups.add(json.writeValueAsString(sup));
                cuts.add(json.writeValueAsString(cut(r, rec, sup)));
                Path source = sources.get(r.recordingId());
                ObjectNode srcRec = source == null || !Files.isRegularFile(source) ? null
                        : sourceRecordings.computeIfAbsent(r.recordingId(), id -> sourceRecording(id, source));
                if (srcRec == null) {
                    missing.add(r.recordingId() + " (" + (source == null ? r.source() : source) + ")");
                } else {
                    ObjectNode s = supervision(r.id(), r.recordingId(), r.start(), r.duration(), r);
                    // the clip is samtal's mono mix of every channel, so the segment is on all of them; or
                    // one speaker's own channel (split one speaker per channel: it carries channel_separation_db)
                    int channels = srcRec.get("sources").get(0).get("channels").size();
                    if (channels == 1) s.put("channel", 0);
                    else if (r.metrics() != null && r.metrics().containsKey("channel_separation_db")) s.put("channel", r.channel());
                    else {
                        ArrayNode ch = s.putArray("channel");
                        for (int c = 0; c < channels; c++) ch.add(c);
                    }
                    if (w != null) alignment(s, w, 0, Double.MAX_VALUE);
                    sourceSups.add(json.writeValueAsString(s));
                }
            }
            Exporter.writeGz(dir.resolve(e.getKey() + "_recordings.jsonl.gz"), recs);
            Exporter.writeGz(dir.resolve(e.getKey() + "_supervisions.jsonl.gz"), sups);
            Exporter.writeGz(dir.resolve("cuts_" + e.getKey() + ".jsonl.gz"), cuts);
            if (!sourceSups.isEmpty()) Exporter.writeGz(dir.resolve(e.getKey() + "_source_supervisions.jsonl.gz"), sourceSups);
        }
        // the clips' manifests are whole; only the cuts into the delivered recordings need the delivered files
        for (String m : missing) {
            warn.accept("lhotse: the delivered file of " + m + " is not at hand (or its length cannot be read): its recording is left out of "
                    + "sources_recordings (the clips' manifests are complete); export on the machine that built the corpus");
        }
        List<String> lines = new ArrayList<>();
        for (ObjectNode o : sourceRecordings.values()) if (o != null) lines.add(json.writeValueAsString(o));
        if (!lines.isEmpty()) Exporter.writeGz(dir.resolve("sources_recordings.jsonl.gz"), lines);
    }

    /** A MonoCut as Lhotse serialises it: the whole clip, its recording and supervision inline. */
    private ObjectNode cut(ManifestRow r, ObjectNode rec, ObjectNode sup) {
        ObjectNode c = json.createObjectNode();
        c.put("id", r.id());
        c.put("start", 0.0);
        c.put("duration", rec.get("duration").asDouble());
        c.put("channel", 0);
        c.putArray("supervisions").add(sup);
        c.set("recording", rec);
        c.put("type", "MonoCut");
        return c;
    }

    /**
     * Lhotse's word alignment, {@code [symbol, start, duration]} with start in the supervision's recording's time:
     * source seconds less {@code offset}, the words inside {@code [0, limit]}.
     */
    private static void alignment(ObjectNode sup, JsonNode words, double offset, double limit) {
        ArrayNode items = sup.putObject("alignment").putArray("word");
        for (JsonNode w : words) {
            double start = round(w.path("start").asDouble() - offset);
            double end = round(w.path("end").asDouble() - offset);
            if (start < 0 || end > limit + 1e-6 || end <= start || !w.hasNonNull("word")) continue;
            ArrayNode item = items.addArray();
            item.add(w.get("word").asText());
            item.add(start);
            item.add(round(end - start));
        }
        if (items.isEmpty()) sup.remove("alignment");
    }

    /**
     * The delivered file as a Lhotse recording: its native rate and every channel it has, in the audio stream the
     * build decoded; {@code null} when it cannot be probed.
     */
    private ObjectNode sourceRecording(String id, Path source) {
        try {
            MediaInfo info = media.probe(source);
            if (info.audioStreams().size() <= audioStream) return null;
            AudioStreamInfo a = info.audioStreams().get(audioStream);
            double duration = Double.isNaN(a.duration()) ? info.duration() : a.duration();
            if (Double.isNaN(duration)) return null;
            return recording(id, source.toAbsolutePath().normalize().toString(), a.sampleRate(),
                    Math.round(duration * a.sampleRate()), Math.max(1, a.channels()));
        } catch (MediaException e) {
            return null;
        }
    }

    private ObjectNode recording(String id, String path, int rate, long samples, int channels) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        ObjectNode src = o.putArray("sources").addObject();
        src.put("type", "file");
        ArrayNode ch = src.putArray("channels");
        for (int c = 0; c < channels; c++) ch.add(c);
        src.put("source", path);
        o.put("sampling_rate", rate);
        o.put("num_samples", samples);
        o.put("duration", (double) samples / rate);
        return o;
    }

    private ObjectNode supervision(String id, String recordingId, double start, double duration, ManifestRow r) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        o.put("recording_id", recordingId);
        o.put("start", start);
        o.put("duration", duration);
        o.put("text", r.textNormalized());
        o.put("language", r.lang());
        o.put("speaker", r.speaker());
        if (r.gender() != null) o.put("gender", r.gender());
        // Lhotse keeps what it has no field for in custom; flags such as personal_data_in_audio travel there
        if (r.flags() != null && !r.flags().isEmpty()) o.putObject("custom").set("flags", json.valueToTree(r.flags()));
        return o;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
