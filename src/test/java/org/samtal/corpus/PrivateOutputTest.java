package org.samtal.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.review.Decision;
import org.samtal.review.ReviewCorpus;
import org.samtal.review.ReviewSegment;
import org.samtal.review.ReviewStore;
import org.samtal.testing.Cli;
import org.samtal.testing.TwoTracks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A private corpus is its owner's only after every command that writes into it, and stays so on a rerun. */
class PrivateOutputTest {
    @TempDir
    Path dir;

    /** Every folder under the private root is rwx------ and every file rw-------. */
    static void assertOwnerOnly(Path root, String after) throws Exception {
        try (var files = Files.walk(root)) {
            List<Path> all = files.toList();
            assertThat(all).as(after).hasSizeGreaterThan(20);
            for (Path p : all) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(mode).as(after + ": " + root.relativize(p)).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void everyFileOfThePrivateTrackIsOwnerOnlyAfterBuildReviewExportAndRerun() throws Exception {
        Path corpus = TwoTracks.build(dir);
        Path root = corpus.resolve("private");
        assertOwnerOnly(root, "build");
        // the open track is published: not restricted
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(corpus.resolve("open/manifest.jsonl"))))
                .isEqualTo("rw-r--r--");

        Cli.Run add = Cli.run("review", corpus.toString(), "--add-validator", "sigga", "--track", "private");
        assertThat(add.exit()).as(add.err()).isZero();
        // a validator rejects one private segment (its clip moves to .samtal/held) and moves another's edges (cut again)
        ReviewCorpus review = ReviewCorpus.load(corpus);
        List<ReviewSegment> privat = review.segments().stream().filter(s -> s.corpus().equals("private")).toList();
        assertThat(privat).hasSizeGreaterThan(1);
        try (ReviewStore store = ReviewStore.open(review.reviewRoot())) {
            String now = Instant.now().toString();
            store.record(new Decision("private", privat.get(0).id(), "sigga", now, Decision.REJECT, "noise_or_music", null,
                    null, null, true));
            var row = privat.get(1).row();
            store.record(new Decision("private", privat.get(1).id(), "sigga", now, Decision.ACCEPT, null, null,
                    row.start() - 0.2, row.end(), true));
        }
        assertOwnerOnly(root, "review");

        Cli.Run export = Cli.run("export", root.toString(), "--format", "webdataset,nemo,kaldi,lhotse,hf,cv");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("rejected segments left out: 1");
        assertThat(root.resolve("webdataset")).isDirectory();
        assertOwnerOnly(root, "export");

        TwoTracks.build(dir); // a rerun
        assertOwnerOnly(root, "rerun");

        // a private corpus an older samtal left readable is tightened by the next command that writes into it
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        assertThat(Cli.run("export", root.toString(), "--format", "nemo").exit()).isZero();
        assertOwnerOnly(root, "export of a loosened corpus");
    }
}
