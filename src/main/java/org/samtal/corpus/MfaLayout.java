package org.samtal.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Montreal Forced Aligner corpus: a folder per speaker, each clip (hard-linked, no extra space) beside a
 * {@code .lab} file of the same stem holding its training text on one line, so that
 * {@code mfa align CORPUS/mfa DICTIONARY ACOUSTIC_MODEL OUT} aligns phones on samtal's segments. MFA takes speakers
 * from the folders and does not use splits, so every split's clips are there.
 */
final class MfaLayout {
    private final Path root;

    MfaLayout(Path root) {
        this.root = root;
    }

    void write(Path dir, Map<String, List<ManifestRow>> bySplit) throws IOException {
        for (List<ManifestRow> rows : bySplit.values()) {
            for (ManifestRow r : rows) {
                Path clip = root.resolve(r.audioFilepath());
                String name = clip.getFileName().toString();
                Path speaker = dir.resolve(folderName(r.speaker()));
                Exporter.link(clip, speaker.resolve(name));
                String stem = name.substring(0, name.lastIndexOf('.'));
                Exporter.writeLines(speaker.resolve(stem + ".lab"), List.of(r.textNormalized().replaceAll("\\s+", " ").strip()));
            }
        }
    }

    /** A speaker id as a folder name: no separators or whitespace, never a hidden or relative name. */
    static String folderName(String speaker) {
        String s = speaker.replaceAll("[\\s/\\\\:]+", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
