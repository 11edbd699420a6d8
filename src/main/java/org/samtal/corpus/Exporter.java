package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.samtal.media.Media;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;
import org.samtal.util.Tasks;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a built corpus in the formats training stacks load as they are, per split, from its
 * {@code manifest.jsonl} alone: no audio is decoded again (but for {@code kaldi_sources}, which decodes the delivered
 * recordings once). Text in every format is the training text ({@code text_normalized}); the delivered text and
 * every other field stay in {@code manifest.jsonl}. A split without segments gets no files. Paths inside the formats
 * are relative (to the corpus folder, or to the manifest for NeMo and Hugging Face), so a moved corpus still loads.
 *
 * <pre>
 * nemo/SPLIT_manifest.jsonl                      NeMo: audio_filepath (relative), duration, text, lang, speaker
 * kaldi/SPLIT/{wav.scp,text,utt2spk,spk2utt,utt2dur,utt2lang}   see {@link KaldiLayout}
 * kaldi_sources/SPLIT/{wav.scp,segments,reco2file_and_channel,...}, kaldi_sources/wav/REC.wav
 * lhotse/SPLIT_{recordings,supervisions}.jsonl.gz, cuts_SPLIT.jsonl.gz, sources_recordings.jsonl.gz,
 *        SPLIT_source_supervisions.jsonl.gz         see {@link LhotseManifests}
 * hf/SPLIT/{metadata.jsonl, clips}, hf/README.md   Hugging Face audiofolder and its dataset card
 * webdataset/SPLIT-000000.tar                      KEY.flac + KEY.json per sample
 * cv/SPLIT.tsv, cv/clip_durations.tsv, cv/clips/   Common Voice
 * mfa/SPEAKER/{ID.flac, ID.lab}                    Montreal Forced Aligner
 * textgrid/RECORDING.TextGrid                      Praat: per speaker a sentence tier and a word tier
 * </pre>
 */
public final class Exporter {
    public static final List<String> FORMATS = List.of("nemo", "kaldi", "kaldi_sources", "lhotse", "hf", "webdataset", "cv", "mfa",
            "textgrid");
    public static final List<String> DEFAULT_FORMATS = List.of("nemo", "kaldi", "lhotse", "hf", "cv");
    /** About 1 GB a shard, as WebDataset recommends. */
    public static final long DEFAULT_SHARD_BYTES = 1L << 30;
    private static final List<String> SPLITS = List.of(Splits.TRAIN, Splits.DEV, Splits.TEST);

    private final Path root;
    private final Media media;
    private final long shardBytes;
    private final int audioStream;
    private final ObjectMapper json = Json.mapper();
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param root       the corpus folder
     * @param media      to probe delivered files for Lhotse's source recordings
     * @param shardBytes WebDataset shard size
     */
    public Exporter(Path root, Media media, long shardBytes) {
        this(root, media, shardBytes, 0);
    }

    /** @param audioStream the audio stream of the delivered files the build decoded ({@code --audio-stream}) */
    public Exporter(Path root, Media media, long shardBytes, int audioStream) {
        this.root = root;
        this.media = media;
        this.shardBytes = shardBytes;
        this.audioStream = audioStream;
    }

    /** What the last export could not do (a delivered file not at hand, say), one line each. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Writes the formats asked for, and only those, and returns each row's split.
     *
     * @param sources recording id to the delivered media file, for Lhotse's source recordings and kaldi_sources
     */
    public Map<String, String> export(List<ManifestRow> rows, List<String> formats, Map<String, Path> sources) {
        requireKnown(formats);
        Map<String, String> split = Splits.defaults().assign(rows);
        Map<String, List<ManifestRow>> bySplit = new LinkedHashMap<>();
        for (String s : SPLITS) bySplit.put(s, new ArrayList<>());
        rows.stream().sorted(Comparator.comparing(ManifestRow::id)).forEach(r -> bySplit.get(split.get(r.id())).add(r));
        bySplit.values().removeIf(List::isEmpty); // an empty split gets no files: consumers reject empty ones
        warnings.clear();
        // the formats are written side by side, each into its own folder (the build's workers stand idle meanwhile);
        // their warnings kept in the formats' order
        List<String> asked = FORMATS.stream().filter(formats::contains).toList();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), asked.size()));
        ExecutorService pool = Tasks.pool("samtal-export", threads);
        RuntimeException failed = null;
        try {
            List<Future<List<String>>> written = new ArrayList<>();
            for (String f : asked) written.add(pool.submit(() -> write(f, bySplit, sources)));
            // every format is waited for, so one that fails leaves the others whole (stopping them would leave them
            // half-written); the first failure is then thrown, the others' beside it
            for (Future<List<String>> w : written) {
                try {
                    warnings.addAll(Tasks.result(w, "writing the formats"));
                } catch (RuntimeException e) {
                    if (failed == null) failed = e;
                    else failed.addSuppressed(e);
                }
            }
        } finally {
            pool.shutdown();
        }
        if (failed != null) throw failed;
        return split;
    }

    /** One format written whole (a removed segment leaves nothing behind); its warnings. */
    private List<String> write(String f, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources) {
        List<String> said = new ArrayList<>();
        Path dir = CorpusStore.at(root).format(f);
        try {
            if (f.equals("kaldi_sources")) {
                for (String s : SPLITS) deleteTree(dir.resolve(s)); // the decoded sources are kept
            } else {
                deleteTree(dir);
            }
            switch (f) {
                case "nemo" -> nemo(dir, bySplit);
                case "kaldi" -> new KaldiLayout(root).clips(dir, bySplit);
                case "kaldi_sources" -> new KaldiLayout(root).sources(dir, bySplit, sources, media, audioStream, said::add);
                case "lhotse" -> new LhotseManifests(media, audioStream).write(dir, bySplit, sources, words(bySplit), said::add);
                case "hf" -> hf(dir, bySplit, sources);
                case "webdataset" -> webdataset(dir, bySplit);
                case "cv" -> new CommonVoiceLayout(root).write(dir, bySplit);
                case "mfa" -> new MfaLayout(root).write(dir, bySplit);
                case "textgrid" -> new TextGridLayout(media).write(dir, bySplit, sources, said::add);
                default -> throw new IllegalStateException(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("exporting " + root + " as " + f + ": " + e.getMessage(), e);
        }
        return said.stream().distinct().toList(); // a recording's two channels have one delivered file to miss
    }

    /** Each segment's word times, where the engine gave them: {@code {"word","start","end"}} in source seconds. */
    private Map<String, JsonNode> words(Map<String, List<ManifestRow>> bySplit) {
        Map<String, JsonNode> words = new HashMap<>();
        for (List<ManifestRow> rows : bySplit.values()) {
            for (ManifestRow r : rows) if (r.words() != null && !r.words().isEmpty()) words.put(r.id(), json.valueToTree(r.words()));
        }
        return words;
    }

    /**
     * The formats a build writes into a corpus: those asked for, and those an earlier build or export left in it,
     * which would otherwise go on listing what this build removed and lack what it added.
     */
    public static List<String> withPresent(List<String> asked, Path root) {
        CorpusStore store = CorpusStore.at(root);
        return FORMATS.stream().filter(f -> asked.contains(f) || Files.isDirectory(store.format(f))).toList();
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
                // what a reviewer must know (personal_data_in_audio above all) travels with the clip
                if (r.flags() != null && !r.flags().isEmpty()) o.set("flags", json.valueToTree(r.flags()));
                lines.add(json.writeValueAsString(o));
            }
            writeLines(dir.resolve(e.getKey() + "_manifest.jsonl"), lines);
        }
    }

    private void hf(Path dir, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources) throws IOException {
        for (var e : bySplit.entrySet()) {
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
                // a string in every row, so datasets infers one type for the column in every split
                o.put("flags", r.flags() == null ? "" : String.join(",", r.flags()));
                lines.add(json.writeValueAsString(o));
            }
            writeLines(d.resolve("metadata.jsonl"), lines);
        }
        if (!bySplit.isEmpty()) HfDatasetCard.write(dir, bySplit, sources);
    }

    /** A hard link where the file system allows one (no extra space), else a copy. */
    static void link(Path target, Path link) throws IOException {
        AtomicFiles.createDirectories(link.getParent());
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
            // the rows cut into shards of about shardBytes first, then each shard written as any published file is
            // (atomically, flushed, owner-only in a private corpus)
            List<List<ManifestRow>> shards = new ArrayList<>();
            long size = 0;
            for (ManifestRow r : e.getValue()) {
                long bytes = Files.size(clip(r)) + json.writeValueAsBytes(r).length + 2048;
                if (shards.isEmpty() || size + bytes > shardBytes && size > 0) {
                    shards.add(new ArrayList<>());
                    size = 0;
                }
                shards.get(shards.size() - 1).add(r);
                size += bytes;
            }
            for (int n = 0; n < shards.size(); n++) {
                List<ManifestRow> rows = shards.get(n);
                AtomicFiles.write(dir.resolve(String.format(java.util.Locale.ROOT, "%s-%06d.tar", e.getKey(), n)), out -> {
                    java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered);
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    for (ManifestRow r : rows) {
                        Path clip = clip(r);
                        byte[] meta = json.writeValueAsBytes(r);
                        // a sample is the members sharing a key, the name before the first dot: ids hold no dots
                        String key = r.id().replace('.', '_');
                        String ext = clip.getFileName().toString().substring(clip.getFileName().toString().lastIndexOf('.') + 1);
                        tar.putArchiveEntry(entry(key + "." + ext, Files.size(clip)));
                        Files.copy(clip, tar);
                        tar.closeArchiveEntry();
                        tar.putArchiveEntry(entry(key + ".json", meta.length));
                        tar.write(meta);
                        tar.closeArchiveEntry();
                    }
                    tar.finish(); // the stream itself is AtomicFiles' to close
                    buffered.flush();
                });
            }
        }
    }

    /**
     * A member of a shard, dated the epoch: the same corpus gives the same bytes, so SHA256SUMS does not change
     * when nothing did (the time of writing would).
     */
    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setModTime(0);
        return entry;
    }

    static void writeLines(Path file, List<String> lines) throws IOException {
        AtomicFiles.write(file, out -> {
            for (String l : lines) {
                out.write(l.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }

    static void writeGz(Path file, List<String> lines) throws IOException {
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
