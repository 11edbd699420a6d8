package org.samtal.corpus;

import org.samtal.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Common Voice's layout, where its loaders look (Lhotse's {@code prepare_commonvoice}, Hugging Face's scripts):
 * {@code cv/SPLIT.tsv} and {@code cv/clip_durations.tsv} beside {@code cv/clips/}, which holds the clips as hard
 * links (no extra space) under their file names. Speaker metadata is in Common Voice's own vocabulary.
 */
final class CommonVoiceLayout {
    static final String HEADER = String.join("\t", "client_id", "path", "sentence_id", "sentence", "sentence_domain",
            "up_votes", "down_votes", "age", "gender", "accents", "variant", "locale", "segment");
    private static final String[] DECADES = {null, "teens", "twenties", "thirties", "fourties", "fifties", "sixties",
            "seventies", "eighties", "nineties"};
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,3})\\s*(?:[-–]\\s*(\\d{1,3}))?\\s*");

    private final Path root;

    CommonVoiceLayout(Path root) {
        this.root = root;
    }

    void write(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        List<String> durations = new ArrayList<>(List.of("clip\tduration[ms]"));
        Path clips = dir.resolve("clips");
        AtomicFiles.createDirectories(clips);
        for (var e : bySplit.entrySet()) {
            List<String> lines = new ArrayList<>(List.of(HEADER));
            for (ManifestRow r : e.getValue()) {
                Path clip = root.resolve(r.audioFilepath());
                String name = clip.getFileName().toString(); // segment ids are unique in the corpus, so are clip names
                Exporter.link(clip, clips.resolve(name));
                lines.add(String.join("\t", clientId(r), tsv(name), tsv(r.id()), tsv(r.textNormalized()), "", "0", "0",
                        age(r.ageRange()), gender(r.gender()), "", "", tsv(r.lang()), ""));
                durations.add(tsv(name) + "\t" + Math.round(r.duration() * 1000));
            }
            Exporter.writeLines(dir.resolve(e.getKey() + ".tsv"), lines);
        }
        Exporter.writeLines(dir.resolve("clip_durations.tsv"), durations);
    }

    /**
     * An opaque id, stable across builds, as Common Voice's own (a SHA-512 in hex): of the partner and the speaker,
     * so that two partners' speakers of one name stay apart.
     */
    static String clientId(ManifestRow r) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-512").digest(("samtal-speaker\u0000" + (r.partner() == null ? "" : r.partner())
                    + "\u0000" + r.speaker()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A submission's gender (f, m, other) in Common Voice's vocabulary; other and unknown stay empty. */
    static String gender(String g) {
        if (g == null) return "";
        return switch (g) {
            case "f" -> "female_feminine";
            case "m" -> "male_masculine";
            default -> "";
        };
    }

    /**
     * A submission's age range ({@code 40-49}, or an age) as Common Voice's decade ({@code fourties}, its spelling);
     * empty when the range spans two decades or is not a range.
     */
    static String age(String range) {
        if (range == null) return "";
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) return "";
        int low = Integer.parseInt(m.group(1));
        int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
        int decade = low < 20 ? 1 : low / 10;
        int highDecade = high < 20 ? 1 : high / 10;
        if (decade != highDecade || decade >= DECADES.length || high < low) return "";
        return DECADES[decade];
    }

    private static String tsv(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
    }
}
