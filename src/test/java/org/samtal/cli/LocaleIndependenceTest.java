package org.samtal.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;
import org.samtal.testing.Cli.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A corpus is the same, byte for byte, whatever the machine's default locale. */
class LocaleIndependenceTest {
    @TempDir
    Path dir;

    /**
     * Every file of a corpus but the report (times) and the plots (images for people), relative path to its text
     * with the corpus's own folder (in Kaldi's wav.scp) put as CORPUS, or to its hash.
     */
    private static Map<String, String> files(Path corpus) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String rel = corpus.relativize(f).toString();
                if (rel.startsWith(".samtal") || rel.startsWith("plots") || rel.equals("build-report.json")
                        || rel.equals("SHA256SUMS") || rel.equals("card.json")) continue;
                String text;
                if (rel.endsWith(".flac")) {
                    text = org.samtal.util.Hashes.sha256(f);
                } else if (rel.endsWith(".tar")) {
                    // member names and contents (a member's time is when it was written)
                    StringBuilder sb = new StringBuilder();
                    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(f))) {
                        for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                            sb.append(e.getName()).append(' ').append(java.util.HexFormat.of().formatHex(
                                    java.security.MessageDigest.getInstance("SHA-256").digest(tar.readAllBytes()))).append('\n');
                        }
                    }
                    text = sb.toString();
                } else if (rel.endsWith(".gz")) {
                    try (var gz = new java.util.zip.GZIPInputStream(Files.newInputStream(f))) {
                        text = new String(gz.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                } else {
                    text = Files.readString(f);
                }
                out.put(rel, text.replace(corpus.toAbsolutePath().toString(), "CORPUS"));
            }
        }
        return out;
    }

    @Test
    void buildingUnderArabicAndIcelandicLocalesGivesTheSameBytesAsRoot() throws Exception {
        Path in = dir.resolve("in");
        assertThat(Cli.run("synth", "--lang", "is", "--out", in.toString(), "--name", "talk", "--formats", "wav").exit()).isZero();
        Locale before = Locale.getDefault();
        Map<String, Map<String, String>> corpora = new TreeMap<>();
        try {
            for (Locale locale : new Locale[]{Locale.ROOT, new Locale("ar", "EG"), new Locale("is", "IS")}) {
                Locale.setDefault(locale);
                Path out = dir.resolve("corpus-" + locale.toLanguageTag());
                Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", out.toString(), "--min-score", "0.3",
                        "--formats", "nemo,kaldi,lhotse,hf,cv,webdataset");
                assertThat(run.exit()).as(run.err()).isZero();
                corpora.put(locale.toLanguageTag(), files(out));
            }
        } finally {
            Locale.setDefault(before);
        }
        Map<String, String> root = corpora.get(Locale.ROOT.toLanguageTag());
        assertThat(root).containsKeys("manifest.jsonl", "rejected.jsonl", "card.md", "kaldi/train/text");
        assertThat(root.keySet()).anyMatch(k -> k.startsWith("webdataset/") && k.endsWith("-000000.tar"));
        // ids in ASCII digits, with a 9-digit millisecond field
        assertThat(root.get("manifest.jsonl")).containsPattern("\"id\":\"talk-[0-9a-f]{8}-[0-9]{9}\"");
        for (String tag : new String[]{"ar-EG", "is-IS"}) {
            Map<String, String> other = corpora.get(tag);
            assertThat(other.keySet()).as(tag).isEqualTo(root.keySet());
            for (String f : root.keySet()) assertThat(other.get(f)).as(tag + ": " + f).isEqualTo(root.get(f));
        }
    }
}
