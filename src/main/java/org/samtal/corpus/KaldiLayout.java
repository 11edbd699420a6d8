package org.samtal.corpus;

import org.samtal.util.AtomicFiles;
import org.samtal.media.ClipFormat;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.media.MediaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Kaldi data directories, with every path relative to the corpus folder: Kaldi recipes run from the folder that
 * holds their data directories ({@code cd CORPUS && utils/validate_data_dir.sh kaldi/train}), as they run from
 * {@code s5} with {@code data/train}.
 *
 * <pre>
 * kaldi/SPLIT/          one utterance per clip: wav.scp (by utterance), text, utt2spk, spk2utt, utt2dur, utt2lang, [spk2gender]
 * kaldi_sources/SPLIT/  the delivered recordings: wav.scp (by recording), segments, reco2file_and_channel, and the same
 * kaldi_sources/wav/    the delivered recordings decoded to 16 kHz mono 16-bit WAV (what the segments were cut from)
 * </pre>
 *
 * FLAC clips are read through a {@code sox} pipe (Kaldi's tools install sox; the {@code flac} program is rarely
 * there); WAV clips are named as they are.
 */
final class KaldiLayout {
    private final Path root;

    KaldiLayout(Path root) {
        this.root = root;
    }

    /** A Kaldi id: no whitespace, which separates fields. */
    static String kaldiId(String s) {
        return s.replaceAll("\\s+", "_");
    }

    /** The utterance id: the speaker id first, so utt2spk sorts like spk2utt (Kaldi's rule); '-' joins them. */
    static String uttId(ManifestRow r) {
        return kaldiId(r.speaker()) + "-" + r.id();
    }

    /**
     * A clip's wav.scp entry, relative to the corpus folder: a WAV file itself, or a sox pipe that decodes FLAC (or a
     * WAV whose name the shell must have quoted: Kaldi splits a plain entry on nothing, but reads no quotes either).
     */
    static String wavEntry(String corpusRelativePath) {
        String p = shellQuoted(corpusRelativePath);
        return corpusRelativePath.endsWith(".wav") && p.equals(corpusRelativePath) ? p : "sox " + p + " -t wav - |";
    }

    /** Quotes a path for the shell Kaldi runs pipes in, when it holds more than safe characters. */
    static String shellQuoted(String path) {
        if (path.matches("[\\p{L}\\p{N}._/+-]+")) return path;
        return "'" + path.replace("'", "'\\''") + "'";
    }

    void clips(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        for (var e : bySplit.entrySet()) {
            Path d = dir.resolve(e.getKey());
            TreeMap<String, ManifestRow> utts = new TreeMap<>();
            for (ManifestRow r : e.getValue()) utts.put(uttId(r), r);
            List<String> wav = new ArrayList<>();
            for (var u : utts.entrySet()) wav.add(u.getKey() + " " + wavEntry(u.getValue().audioFilepath()));
            Exporter.writeLines(d.resolve("wav.scp"), wav);
            speakerFiles(d, utts);
        }
    }

    /**
     * The long-recording layout. Each delivered recording is decoded once to 16 kHz mono WAV (kept between exports:
     * its name holds the content hash); a recording whose delivered file is gone and was never decoded is left out,
     * with a warning.
     */
    void sources(Path dir, Map<String, List<ManifestRow>> bySplit, Map<String, Path> sources, Media media,
                 int audioStream, Consumer<String> warn) throws IOException {
        Path wavDir = dir.resolve("wav");
        Set<String> keep = new HashSet<>();
        for (var e : bySplit.entrySet()) {
            TreeMap<String, String> wavScp = new TreeMap<>();
            TreeMap<String, ManifestRow> utts = new TreeMap<>();
            // a clip cut from one speaker's own channel is on that side of its recording (Switchboard's sw02001-A)
            TreeMap<String, String> side = new TreeMap<>();
            for (ManifestRow r : e.getValue()) {
                int channel = ownChannel(r);
                String rec = recordingSide(r);
                side.put(rec, channel < 0 ? "A" : String.valueOf((char) ('A' + channel)));
                if (!wavScp.containsKey(rec)) {
                    Path wav = wavDir.resolve(rec + ".wav");
                    if (!Files.isRegularFile(wav) && !decode(sources.get(r.recordingId()), wav, media, audioStream, channel, warn, r)) {
                        wavScp.put(rec, null);
                    } else {
                        wavScp.put(rec, root.relativize(wav).toString().replace('\\', '/'));
                    }
                }
                if (wavScp.get(rec) != null) utts.put(uttId(r), r);
            }
            wavScp.values().removeIf(java.util.Objects::isNull);
            if (utts.isEmpty()) continue;
            keep.addAll(wavScp.keySet());
            Path d = dir.resolve(e.getKey());
            List<String> wav = new ArrayList<>();
            List<String> reco = new ArrayList<>();
            wavScp.forEach((rec, path) -> wav.add(rec + " " + wavEntry(path)));
            for (ManifestRow r : utts.values()) {
                // the mono mix is one side of its recording; each speaker's own channel a side of the delivered file
                String line = recordingSide(r) + " " + kaldiId(r.recordingId()) + " " + side.get(recordingSide(r));
                if (!reco.contains(line)) reco.add(line);
            }
            java.util.Collections.sort(reco);
            List<String> segments = new ArrayList<>();
            for (var u : utts.entrySet()) {
                ManifestRow r = u.getValue();
                segments.add(String.format(Locale.ROOT, "%s %s %.3f %.3f", u.getKey(), recordingSide(r), r.start(), r.end()));
            }
            Exporter.writeLines(d.resolve("wav.scp"), wav);
            Exporter.writeLines(d.resolve("segments"), segments);
            Exporter.writeLines(d.resolve("reco2file_and_channel"), reco);
            speakerFiles(d, utts);
        }
        // decoded recordings no longer in the corpus
        if (Files.isDirectory(wavDir)) {
            try (Stream<Path> old = Files.list(wavDir)) {
                for (Path p : old.toList()) {
                    if (!keep.contains(p.getFileName().toString().replaceAll("\\.wav$", ""))) Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The channel a row was cut from when it is one speaker's own (it carries channel_separation_db), else -1 (the mix). */
    static int ownChannel(ManifestRow r) {
        return r.metrics() != null && r.metrics().containsKey("channel_separation_db") ? r.channel() : -1;
    }

    /** The Kaldi recording a row's segment lies in: its recording, or that recording's side for its own channel. */
    static String recordingSide(ManifestRow r) {
        int channel = ownChannel(r);
        return channel < 0 ? kaldiId(r.recordingId()) : kaldiId(r.recordingId()) + "-" + (char) ('A' + channel);
    }

    /** Decodes a delivered file to 16 kHz WAV: the mono mix ({@code channel} -1), or one channel of it. */
    private boolean decode(Path source, Path wav, Media media, int audioStream, int channel, Consumer<String> warn,
                           ManifestRow r) {
        if (source == null || !Files.isRegularFile(source)) {
            warn.accept("kaldi_sources: the delivered file of " + r.recordingId() + " (" + (source == null ? r.source() : source)
                    + ") is not at hand, so its segments are left out of kaldi_sources; export on the machine that built the corpus");
            return false;
        }
        DecodedAudio audio = null;
        try {
            audio = media.decode(source, new DecodeOptions(DecodeOptions.SPEECH_RATE, audioStream, channel < 0),
                    CorpusStore.at(root).workDir(), null);
            int side = Math.max(0, channel);
            DecodedAudio a = audio;
            AtomicFiles.createDirectories(wav.getParent());
            org.samtal.util.AtomicFiles.produce(wav, tmp -> {
                try (var enc = media.openEncoder(tmp, EncoderSettings.clip(ClipFormat.WAV, a.sampleRate()))) {
                    // in blocks: a long recording does not fit in memory as one array
                    for (long at = 0; at < a.numSamples(); at += 1 << 20) {
                        short[] block = a.read(side, at, Math.min(a.numSamples(), at + (1 << 20)));
                        enc.write(block, block.length);
                    }
                }
            });
            return true;
        } catch (MediaException | IOException | java.io.UncheckedIOException ex) {
            warn.accept("kaldi_sources: " + source + " cannot be decoded (" + ex.getMessage() + "); its segments are left out");
            return false;
        } finally {
            if (audio != null) audio.delete();
        }
    }

    /**
     * text, utt2spk, spk2utt, utt2dur, utt2lang, spk2gender when every speaker's gender is f or m, and utt2flags
     * (the flags of the utterances that have some, comma-separated) when any has.
     */
    private static void speakerFiles(Path d, TreeMap<String, ManifestRow> utts) throws IOException {
        List<String> text = new ArrayList<>();
        List<String> utt2spk = new ArrayList<>();
        List<String> utt2dur = new ArrayList<>();
        List<String> utt2lang = new ArrayList<>();
        TreeMap<String, List<String>> spk2utt = new TreeMap<>();
        TreeMap<String, String> genders = new TreeMap<>();
        List<String> utt2flags = new ArrayList<>();
        for (var u : utts.entrySet()) {
            ManifestRow r = u.getValue();
            if (r.flags() != null && !r.flags().isEmpty()) utt2flags.add(u.getKey() + " " + String.join(",", r.flags()));
            String spk = kaldiId(r.speaker());
            text.add(u.getKey() + " " + r.textNormalized().replaceAll("\\s+", " ").strip());
            utt2spk.add(u.getKey() + " " + spk);
            utt2dur.add(u.getKey() + " " + r.duration());
            utt2lang.add(u.getKey() + " " + r.lang());
            spk2utt.computeIfAbsent(spk, k -> new ArrayList<>()).add(u.getKey());
            if ("f".equals(r.gender()) || "m".equals(r.gender())) genders.put(spk, r.gender());
        }
        Exporter.writeLines(d.resolve("text"), text);
        Exporter.writeLines(d.resolve("utt2spk"), utt2spk);
        Exporter.writeLines(d.resolve("utt2dur"), utt2dur);
        Exporter.writeLines(d.resolve("utt2lang"), utt2lang);
        if (utt2flags.isEmpty()) java.nio.file.Files.deleteIfExists(d.resolve("utt2flags"));
        else Exporter.writeLines(d.resolve("utt2flags"), utt2flags);
        List<String> s2u = new ArrayList<>();
        spk2utt.forEach((spk, us) -> s2u.add(spk + " " + String.join(" ", us)));
        Exporter.writeLines(d.resolve("spk2utt"), s2u);
        // only when the submissions give f or m for every speaker (Kaldi checks that spk2gender covers them all)
        if (genders.keySet().equals(spk2utt.keySet())) {
            List<String> s2g = new ArrayList<>();
            genders.forEach((spk, g) -> s2g.add(spk + " " + g));
            Exporter.writeLines(d.resolve("spk2gender"), s2g);
        }
    }
}
