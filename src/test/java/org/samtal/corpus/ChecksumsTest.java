package org.samtal.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Hashes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTest {
    @TempDir
    Path root;

    /** SHA256SUMS as sha256sum -c reads it: path to hash. */
    private Map<String, String> sums() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve(CorpusStore.CHECKSUMS))) {
            m.put(line.substring(66), line.substring(0, 64));
        }
        return m;
    }

    private void write(String rel, String text) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        AtomicFiles.writeString(f, text);
    }

    @Test
    void listsEveryPublishedFileSortedWithItsHashAndLeavesOutItsOwn() throws Exception {
        write("manifest.jsonl", "{}\n");
        write("clips/r1/a.flac", "aaa");
        write("clips/r1/b.flac", "bbb");
        write(".samtal/parts/r1.jsonl", "own");
        write("open/.samtal/lock", "a track's corpus inside this one: its own files are not published either");
        Checksums.Written w = new Checksums(root).write();
        assertThat(w.files()).isEqualTo(3);
        assertThat(sums()).containsExactly(
                Map.entry("clips/r1/a.flac", Hashes.sha256(root.resolve("clips/r1/a.flac"))),
                Map.entry("clips/r1/b.flac", Hashes.sha256(root.resolve("clips/r1/b.flac"))),
                Map.entry("manifest.jsonl", Hashes.sha256(root.resolve("manifest.jsonl"))));
    }

    @Test
    void readsOnlyWhatChangedSinceTheLastWrite() throws Exception {
        write("manifest.jsonl", "{}\n");
        for (int i = 0; i < 20; i++) write("clips/r1/" + i + ".flac", "clip " + i);
        assertThat(new Checksums(root).write().read()).isEqualTo(21);
        // nothing changed: nothing read, the same sums
        Map<String, String> before = sums();
        assertThat(new Checksums(root).write().read()).isZero();
        assertThat(sums()).isEqualTo(before);
        // a clip written again (a new file renamed into place, same size) and a new one: those two read
        write("clips/r1/3.flac", "clip X");
        write("clips/r2/0.flac", "new");
        Checksums.Written w = new Checksums(root).write();
        assertThat(w.read()).isEqualTo(2);
        assertThat(sums()).containsEntry("clips/r1/3.flac", Hashes.sha256(root.resolve("clips/r1/3.flac")))
                .containsEntry("clips/r2/0.flac", Hashes.sha256(root.resolve("clips/r2/0.flac")))
                .hasSize(22);
        assertThat(sums().get("clips/r1/3.flac")).isNotEqualTo(before.get("clips/r1/3.flac"));
    }

    @Test
    void aFileLinkedIntoAFormatIsReadOnce() throws Exception {
        write("clips/r1/a.flac", "aaa");
        Files.createDirectories(root.resolve("cv/clips"));
        Files.createLink(root.resolve("cv/clips/a.flac"), root.resolve("clips/r1/a.flac"));
        Checksums.Written w = new Checksums(root).write();
        assertThat(w.files()).isEqualTo(2);
        assertThat(w.read()).isEqualTo(1);
        assertThat(sums().get("cv/clips/a.flac")).isEqualTo(sums().get("clips/r1/a.flac"));
    }

    /** Every build links the clips into the hf/ and cv/ folders anew: that does not make them new files. */
    @Test
    void aClipLinkedAgainIsNotReadAgain() throws Exception {
        write("clips/r1/a.flac", "aaa");
        Files.createDirectories(root.resolve("cv/clips"));
        Files.createLink(root.resolve("cv/clips/a.flac"), root.resolve("clips/r1/a.flac"));
        new Checksums(root).write();
        Thread.sleep(20); // a later status-change time
        Files.delete(root.resolve("cv/clips/a.flac"));
        Files.createLink(root.resolve("cv/clips/a.flac"), root.resolve("clips/r1/a.flac"));
        assertThat(new Checksums(root).write().read()).isZero();
    }

    /** clips/ moved to another disk and linked back (found in a user trial: its clips were left out, silently). */
    @Test
    void clipsBehindASymbolicLinkAreListed(@TempDir Path elsewhere) throws Exception {
        Path clips = elsewhere.resolve("clips");
        Files.createDirectories(clips.resolve("r1"));
        Files.writeString(clips.resolve("r1/a.flac"), "aaa");
        Files.createSymbolicLink(root.resolve("clips"), clips);
        write("manifest.jsonl", "{}\n");
        new Checksums(root).write();
        assertThat(sums()).containsEntry("clips/r1/a.flac", Hashes.sha256(clips.resolve("r1/a.flac"))).hasSize(2);
    }

    @Test
    void aDamagedCacheCostsTimeNotCorrectness() throws Exception {
        write("clips/r1/a.flac", "aaa");
        write("clips/r1/b.flac", "bbb");
        new Checksums(root).write();
        Files.writeString(CorpusStore.at(root).checksumCache(), "\u0000\u0001 not a cache\n\tshort\n");
        assertThat(new Checksums(root).write().read()).isEqualTo(2);
        assertThat(sums().get("clips/r1/a.flac")).isEqualTo(Hashes.sha256(root.resolve("clips/r1/a.flac")));
    }

    @Test
    void aFileChangedInPlaceIsReadAgain() throws Exception {
        write("card.md", "short");
        new Checksums(root).write();
        Files.writeString(root.resolve("card.md"), "a longer text, edited by hand"); // same file, not renamed
        assertThat(new Checksums(root).write().read()).isEqualTo(1);
        assertThat(sums().get("card.md")).isEqualTo(Hashes.sha256(root.resolve("card.md")));
    }

    @Test
    void theCacheIsNeverPublished() throws Exception {
        write("clips/r1/a.flac", "aaa");
        new Checksums(root).write();
        assertThat(CorpusStore.at(root).checksumCache()).exists();
        assertThat(sums()).doesNotContainKey(CorpusStore.OWN + "/checksums.cache");
        assertThat(RemoteCorpus.scratch(CorpusStore.OWN + "/checksums.cache")).isTrue();
    }
}
