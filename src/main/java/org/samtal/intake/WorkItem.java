package org.samtal.intake;

import java.nio.file.Path;

/**
 * One recording to process and the transcript paired with it.
 *
 * @param media      the recording
 * @param transcript its transcript, or {@code null} when none was found
 * @param delivery   the submission it came with, or {@code null} when its folder has none
 * @param refused    why neither file may be opened (a path leading outside its delivery folder), or {@code null}
 */
public record WorkItem(Path media, Path transcript, Delivery delivery, String refused) {
    public WorkItem(Path media, Path transcript) {
        this(media, transcript, null, null);
    }

    public WorkItem(Path media, Path transcript, Delivery delivery) {
        this(media, transcript, delivery, null);
    }

    /**
     * Who delivered a recording, and on which terms (from its folder's submission manifest).
     *
     * @param partner    partner id
     * @param submission delivery id
     * @param track      open or private
     * @param licence    SPDX id
     * @param language   language tag of this recording (the item's, else the delivery's default)
     * @param speakers   speaker metadata by speaker id (the id the transcript's name becomes)
     */
    public record Delivery(String partner, String submission, String track, String licence, String language,
                           java.util.Map<String, Submission.Speaker> speakers) {
        public Delivery {
            speakers = speakers == null ? java.util.Map.of() : java.util.Map.copyOf(speakers);
        }
    }
}
