package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.media.MediaInfo;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a built corpus in the formats training stacks load as they are, per split, from its
 * {@code manifest.jsonl} alone: no audio is decoded again. Text in every format is the training text
 * ({@code text_normalized}); the delivered text and every other field stay in {@code manifest.jsonl}.
 *
 * <pre>
 * nemo/SPLIT_manifest.jsonl                      NeMo: audio_filepath (relative), duration, text, lang, speaker
 * kaldi/SPLIT/{wav.scp,text,utt2spk,spk2utt,utt2dur,utt2lang}
 * lhotse/SPLIT_{recordings,supervisions}.jsonl.gz  one recording per clip
 * lhotse/sources_recordings.jsonl.gz, lhotse/SPLIT_source_supervisions.jsonl.gz  the delivered files, to cut from
 * hf/SPLIT/{metadata.jsonl, clips}                 Hugging Face audiofolder
 * webdataset/SPLIT-000000.tar                      KEY.flac + KEY.json per sample
 * cv/SPLIT.tsv, cv/clip_durations.tsv              Common Voice columns
 * </pre>
 */
public final class Exporter {
    public static final List<String> FORMATS = List.of("nemo", "kaldi", "lhotse", "hf", "webdataset", "cv");
    public static final List<String> DEFAULT_FORMATS = List.of("nemo", "kaldi", "lhotse", "hf", "cv");
    /** About 1 GB a shard, as WebDataset recommends. */
    public static final long DEFAULT_SHARD_BYTES = 1L << 30;
    private static final List<String> SPLITS = List.of(Splits.TRAIN, Splits.DEV, Splits.TEST);

    private final Path root;
    private final Media media;
    private final long shardBytes;
    private final ObjectMapper json = Json.mapper();

    /**
     * @param root       the corpus folder
     * @param media      to probe delivered files for Lhotse's source recordings
     * @param shardBytes WebDataset shard size
     */
    public Exporter(Path root, Media media, long shardBytes) {
        this.root = root;
        this.media = media;
        this.shardBytes = shardBytes;
    }

    /**
     * Writes the formats asked for and returns each row's split.
     *
     * @param sources recording id to the delivered media file, for Lhotse's source recordings
     */
    public Map<String, String> export(List<ManifestRow> rows, List<String> formats, Map<String, Path> sources) {
        requireKnown(formats);
        Map<String, String> split = Splits.defaults().assign(rows);
        Map<String, List<ManifestRow>> bySplit = new LinkedHashMap<>();
        for (String s : SPLITS) bySplit.put(s, new ArrayList<>());
        rows.stream().sorted(Comparator.comparing(ManifestRow::id)).forEach(r -> bySplit.get(split.get(r.id())).add(r));
        try {
            for (String f : FORMATS) {
                Path dir = root.resolve(f);
                if (!formats.contains(f)) continue;
                deleteTree(dir); // a format is rewritten whole, so removed segments leave nothing behind
                switch (f) {
                    case "nemo" -> nemo(dir, bySplit);
                    case "kaldi" -> kaldi(dir, bySplit);
                    case "lhotse" -> lhotse(dir, bySplit, sources);
                    case "hf" -> hf(dir, bySplit);
                    case "webdataset" -> webdataset(dir, bySplit);
                    case "cv" -> commonVoice(dir, bySplit);
                    default -> throw new IllegalStateException(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("exporting " + root + ": " + e.getMessage(), e);
        }
        return split;
    }

    /** @throws IllegalArgumentException naming the first format samtal cannot write, and those it can */
    public static void requireKnown(List<String> formats) {
        for (String f : formats) {
            if (!FORMATS.contains(f)) throw new IllegalArgumentException("unknown format '" + f + "'; choose from " + FORMATS);
        }
    }

    private Path clip(ManifestRow r) {
        return root.resolve(r.audioFilepath()).toAbsolutePath().normalize();
    }

    private void nemo(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        for (var e : bySplit.entrySet()) {
            List<String> lines = new ArrayList<>();
            for (ManifestRow r : e.getValue()) {
                ObjectNode o = json.createObjectNode();
                o.put("audio_filepath", "../" + r.audioFilepath()); // relative to the manifest's folder
                o.put("duration", r.duration());
                o.put("text", r.textNormalized());
                o.put("lang", r.lang());
                o.put("speaker", r.speaker());
                o.put("id", r.id());
                lines.add(json.writeValueAsString(o));
            }
            writeLines(dir.resolve(e.getKey() + "_manifest.jsonl"), lines);
        }
    }

    private void kaldi(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        for (var e : bySplit.entrySet()) {
            Path d = dir.resolve(e.getKey());
            // utterance ids start with the speaker id, so utt2spk sorts like spk2utt (Kaldi's rule); '-' joins them
            TreeMap<String, ManifestRow> utts = new TreeMap<>();
            for (ManifestRow r : e.getValue()) utts.put(kaldiId(r.speaker()) + "-" + r.id(), r);
            List<String> wav = new ArrayList<>();
            List<String> text = new ArrayList<>();
            List<String> utt2spk = new ArrayList<>();
            List<String> utt2dur = new ArrayList<>();
            List<String> utt2lang = new ArrayList<>();
            TreeMap<String, List<String>> spk2utt = new TreeMap<>();
            for (var u : utts.entrySet()) {
                ManifestRow r = u.getValue();
                Path clip = clip(r);
                wav.add(u.getKey() + " " + (clip.toString().endsWith(".flac") ? "flac -c -d -s " + clip + " |" : clip.toString()));
                text.add(u.getKey() + " " + r.textNormalized().replaceAll("\\s+", " "));
                utt2spk.add(u.getKey() + " " + kaldiId(r.speaker()));
                utt2dur.add(u.getKey() + " " + r.duration());
                utt2lang.add(u.getKey() + " " + r.lang());
                spk2utt.computeIfAbsent(kaldiId(r.speaker()), k -> new ArrayList<>()).add(u.getKey());
            }
            writeLines(d.resolve("wav.scp"), wav);
            writeLines(d.resolve("text"), text);
            writeLines(d.resolve("utt2spk"), utt2spk);
            writeLines(d.resolve("utt2dur"), utt2dur);
            writeLines(d.resolve("utt2lang"), utt2lang);
            List<String> s2u = new ArrayList<>();
            spk2utt.forEach((spk, us) -> s2u.add(spk + " " + String.join(" ", us)));
            writeLines(d.resolve("spk2utt"), s2u);
            // spk2gender only when the submissions give f or m for every speaker of the split (Kaldi checks it covers all)
            TreeMap<String, String> genders = new TreeMap<>();
            for (ManifestRow r : e.getValue()) {
                if ("f".equals(r.gender()) || "m".equals(r.gender())) genders.put(kaldiId(r.speaker()), r.gender());
            }
            if (!spk2utt.isEmpty() && genders.keySet().equals(spk2utt.keySet())) {
                List<String> s2g = new ArrayList<>();
                genders.forEach((spk, g) -> s2g.add(spk + " " + g));
                writeLines(d.resolve("spk2gender"), s2g);
            }
        }
    }

    static String kaldiId(String s) {
        return s.replaceAll("\\s+", "_");
    }

    private void lhotse(Path dir, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources) throws IOException {
        Map<String, ObjectNode> sourceRecordings = new TreeMap<>();
        for (var e : bySplit.entrySet()) {
            List<String> recs = new ArrayList<>();
            List<String> sups = new ArrayList<>();
            List<String> sourceSups = new ArrayList<>();
            for (ManifestRow r : e.getValue()) {
                long samples = Math.round(r.duration() * 16_000);
                recs.add(json.writeValueAsString(recording(r.id(), clip(r).toString(), 16_000, samples, 1)));
                sups.add(json.writeValueAsString(supervision(r.id(), r.id(), 0, r.duration(), r)));
                Path source = sources.get(r.recordingId());
                if (source != null && Files.isRegularFile(source)) {
                    ObjectNode rec = sourceRecordings.computeIfAbsent(r.recordingId(), id -> sourceRecording(id, source));
                    if (rec != null) {
                        // the segment in the delivered file, on the channel samtal decoded (its mono mix is channel 0)
                        sourceSups.add(json.writeValueAsString(supervision(r.id(), r.recordingId(), r.start(), r.duration(), r)));
                    }
                }
            }
            writeGz(dir.resolve(e.getKey() + "_recordings.jsonl.gz"), recs);
            writeGz(dir.resolve(e.getKey() + "_supervisions.jsonl.gz"), sups);
            writeGz(dir.resolve(e.getKey() + "_source_supervisions.jsonl.gz"), sourceSups);
        }
        List<String> lines = new ArrayList<>();
        for (ObjectNode o : sourceRecordings.values()) if (o != null) lines.add(json.writeValueAsString(o));
        writeGz(dir.resolve("sources_recordings.jsonl.gz"), lines);
    }

    private ObjectNode sourceRecording(String id, Path source) {
        try {
            MediaInfo info = media.probe(source);
            if (info.audioStreams().isEmpty() || Double.isNaN(info.duration())) return null;
            var a = info.audioStreams().get(0);
            double duration = Double.isNaN(a.duration()) ? info.duration() : a.duration();
            ObjectNode rec = recording(id, source.toAbsolutePath().toString(), a.sampleRate(),
                    Math.round(duration * a.sampleRate()), 1);
            return rec;
        } catch (MediaException e) {
            return null;
        }
    }

    private ObjectNode recording(String id, String path, int rate, long samples, int channels) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        ArrayNode srcs = o.putArray("sources");
        ObjectNode src = srcs.addObject();
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
        o.put("channel", 0);
        o.put("text", r.textNormalized());
        o.put("language", r.lang());
        o.put("speaker", r.speaker());
        return o;
    }

    private void hf(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        for (var e : bySplit.entrySet()) {
            if (e.getValue().isEmpty()) continue; // an empty split folder would be an empty split
            Path d = dir.resolve(e.getKey());
            AtomicFiles.createDirectories(d);
            List<String> lines = new ArrayList<>();
            for (ManifestRow r : e.getValue()) {
                Path clip = clip(r);
                String name = clip.getFileName().toString();
                link(clip, d.resolve(name));
                ObjectNode o = json.createObjectNode();
                o.put("file_name", name); // relative to metadata.jsonl, as datasets requires
                o.put("transcription", r.textNormalized());
                o.put("id", r.id());
                o.put("speaker", r.speaker());
                o.put("lang", r.lang());
                o.put("duration", r.duration());
                lines.add(json.writeValueAsString(o));
            }
            writeLines(d.resolve("metadata.jsonl"), lines);
        }
    }

    /** A hard link where the file system allows one (no extra space), else a copy. */
    private static void link(Path target, Path link) throws IOException {
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(target, link);
        }
    }

    private void webdataset(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        AtomicFiles.createDirectories(dir);
        for (var e : bySplit.entrySet()) {
            int shard = 0;
            long size = 0;
            TarArchiveOutputStream tar = null;
            Path tmp = null;
            for (ManifestRow r : e.getValue()) {
                Path clip = clip(r);
                byte[] meta = json.writeValueAsBytes(r);
                long bytes = Files.size(clip) + meta.length + 2048;
                if (tar == null || size + bytes > shardBytes && size > 0) {
                    if (tar != null) closeShard(tar, tmp, dir, e.getKey(), shard++);
                    tmp = Files.createTempFile(dir, ".shard", ".tar");
                    tar = new TarArchiveOutputStream(Files.newOutputStream(tmp));
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    size = 0;
                }
                // a sample is the members sharing a key, the name before the first dot: ids hold no dots
                String key = r.id().replace('.', '_');
                String ext = clip.getFileName().toString().substring(clip.getFileName().toString().lastIndexOf('.') + 1);
                TarArchiveEntry audio = new TarArchiveEntry(key + "." + ext);
                audio.setSize(Files.size(clip));
                tar.putArchiveEntry(audio);
                Files.copy(clip, tar);
                tar.closeArchiveEntry();
                TarArchiveEntry m = new TarArchiveEntry(key + ".json");
                m.setSize(meta.length);
                tar.putArchiveEntry(m);
                tar.write(meta);
                tar.closeArchiveEntry();
                size += bytes;
            }
            if (tar != null) closeShard(tar, tmp, dir, e.getKey(), shard);
        }
    }

    private static void closeShard(TarArchiveOutputStream tar, Path tmp, Path dir, String split, int n) throws IOException {
        tar.finish();
        tar.close();
        Files.move(tmp, dir.resolve(String.format(java.util.Locale.ROOT, "%s-%06d.tar", split, n)), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void commonVoice(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        String header = String.join("\t", "client_id", "path", "sentence_id", "sentence", "sentence_domain", "up_votes",
                "down_votes", "age", "gender", "accents", "variant", "locale", "segment");
        List<String> durations = new ArrayList<>(List.of("clip\tduration[ms]"));
        for (var e : bySplit.entrySet()) {
            List<String> lines = new ArrayList<>(List.of(header));
            for (ManifestRow r : e.getValue()) {
                String path = r.audioFilepath().replaceFirst("^clips/", ""); // relative to the corpus's clips/
                lines.add(String.join("\t", tsv(r.speaker()), tsv(path), tsv(r.id()), tsv(r.textNormalized()), "", "0", "0",
                        "", "", "", "", tsv(r.lang()), ""));
                durations.add(tsv(path) + "\t" + Math.round(r.duration() * 1000));
            }
            writeLines(dir.resolve(e.getKey() + ".tsv"), lines);
        }
        writeLines(dir.resolve("clip_durations.tsv"), durations);
    }

    private static String tsv(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        AtomicFiles.write(file, out -> {
            for (String l : lines) {
                out.write(l.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }

    private static void writeGz(Path file, List<String> lines) throws IOException {
        AtomicFiles.write(file, raw -> {
            try (OutputStream out = new GZIPOutputStream(raw)) {
                for (String l : lines) {
                    out.write(l.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
