package org.samtal.review;

import org.samtal.corpus.ManifestRow;

import java.util.Map;

/** Manifest rows for review tests. */
final class Rows {
    private Rows() {
    }

    static ManifestRow row(String id, String recording, String speaker, double score, String track, String partner) {
        return new ManifestRow(id, "clips/" + recording + "/" + id + ".flac", 2.0, "Halló " + id, "Halló " + id, "is", speaker,
                recording, 10, 12, 10.1, 11.9, 0, "synthetic", score, recording + ".wav", "0", recording + ".txt", 0, 5, Map.of(),
                null, null, null, null, null, null, null, track, partner, "s1", "0", "0", null, null);
    }
}
