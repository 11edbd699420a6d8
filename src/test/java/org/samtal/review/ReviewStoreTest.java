package org.samtal.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewStoreTest {
    @TempDir
    Path dir;

    @Test
    void decisionsAndValidatorsSurviveARestartAndOnlyTokenHashesAreKept() throws Exception {
        String token;
        try (ReviewStore store = ReviewStore.open(dir)) {
            token = store.addValidator(new Validator("anna", Set.of("open", "private"), Set.of("ruv")));
            store.saveSample(new Sample("now", 0.05, 0.95, 1, 3, List.of(new Sample.Stratum("all", 0, 1, 3, 3)),
                    List.of(new Sample.Item("open", "a", "all", 2))));
            store.record(new Decision("open", "a", "anna", "2026-11-24T10:00:00Z", Decision.ACCEPT, null, "Nýr texti", 1.0, 2.5, true));
        }
        // the process is gone; a new one finds everything
        try (ReviewStore store = ReviewStore.open(dir)) {
            Validator v = store.validatorByToken(token).orElseThrow();
            assertThat(v.name()).isEqualTo("anna");
            assertThat(v.tracks()).containsExactlyInAnyOrder("open", "private");
            assertThat(v.partners()).containsExactly("ruv");
            assertThat(store.decisions()).containsExactly(
                    new Decision("open", "a", "anna", "2026-11-24T10:00:00Z", Decision.ACCEPT, null, "Nýr texti", 1.0, 2.5, true));
            assertThat(store.sample().orElseThrow().items()).hasSize(1);
            assertThat(store.validatorByToken("wrong")).isEmpty();
            // a new token replaces the old one
            String again = store.addValidator(new Validator("anna", Set.of("open"), Set.of()));
            assertThat(store.validatorByToken(token)).isEmpty();
            assertThat(store.validatorByToken(again).orElseThrow().tracks()).containsExactly("open");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ReviewStore.FILE))))
                .isEqualTo("rw-------");
        byte[] db = Files.readAllBytes(dir.resolve(ReviewStore.FILE));
        assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
    }

    @Test
    void latestIsTheValidatorsNewestDecisionOnThatSegment() {
        try (ReviewStore store = ReviewStore.open(dir)) {
            store.record(new Decision("open", "a", "anna", "t1", Decision.REJECT, "noise", null, null, null, true));
            store.record(new Decision("open", "a", "bjarni", "t2", Decision.ACCEPT, null, null, null, null, false));
            store.record(new Decision("open", "a", "anna", "t3", Decision.ACCEPT, null, null, null, null, false));
            store.record(new Decision("private", "a", "anna", "t4", Decision.REJECT, "wrong_text", null, null, null, true));
            assertThat(store.latest("open", "a", "anna").orElseThrow().decidedAt()).isEqualTo("t3");
            assertThat(store.latest("private", "a", "anna").orElseThrow().verdict()).isEqualTo(Decision.REJECT);
            assertThat(store.latest("open", "a", "gudrun")).isEmpty();
            assertThat(store.latest("open", "b", "anna")).isEmpty();
        }
    }

    @Test
    void privateSegmentsAreSeenOnlyByValidatorsGrantedThem() {
        Validator open = new Validator("o", Set.of("open", "undeclared"), Set.of());
        Validator ruv = new Validator("r", Set.of("open", "private"), Set.of("ruv"));
        Validator all = new Validator("a", Set.of("open", "private"), Set.of());
        var pub = Rows.row("p", "r", "a", 1, "open", "ruv");
        var ruvPrivate = Rows.row("q", "r", "a", 1, "private", "ruv");
        var other = Rows.row("s", "r", "a", 1, "private", "spitali");
        assertThat(open.maySee(pub)).isTrue();
        assertThat(open.maySee(ruvPrivate)).isFalse();
        assertThat(ruv.maySee(ruvPrivate)).isTrue();
        assertThat(ruv.maySee(other)).isFalse();
        assertThat(all.maySee(other)).isTrue();
    }
}
