package org.samtal.review;

import org.samtal.corpus.ManifestRow;

/**
 * A segment of one of the corpora under review.
 *
 * @param corpus the corpus's name: its folder relative to the review folder ({@code ""} when the review folder is the
 *               corpus itself)
 * @param row    its manifest line
 */
public record ReviewSegment(String corpus, ManifestRow row) {
    public String id() {
        return row.id();
    }
}
