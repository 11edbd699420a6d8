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
public record WorkItem(Path media, Path transcript, Delivery delivery, String refused, Listed listed) {
    public WorkItem(Path media, Path transcript, Delivery delivery, String refused) {
        this(media, transcript, delivery, refused, null);
    }

    public WorkItem(Path media, Path transcript) {
        this(media, transcript, null, null, null);
    }

    /** The same item with another delivery and refusal (its listing kept). */
    public WorkItem delivered(Path transcriptFile, Delivery d, String why) {
        return new WorkItem(media, transcriptFile, d, why, listed);
    }

    /**
     * A clip whose text comes from a table of transcripts or a Kaldi folder rather than a file of its own.
     *
     * @param source   the table ({@code metadata.tsv}) or Kaldi folder's {@code text}
     * @param shape    the layout recognised ({@code samromur}, {@code common_voice}, {@code ljspeech}, {@code guessed},
     *                 {@code mapped}, {@code kaldi})
     * @param columns  which column each role came from, for the report
     * @param id       the row's id: utterance id, or the table's line
     * @param text     the clip's transcript
     * @param speaker  speaker as the table names it, or {@code null}
     * @param gender   f, m or other, or {@code null}
     * @param age      age or age range, or {@code null}
     * @param dialect  dialect or accent, or {@code null}
     * @param language BCP 47 tag of the row, or {@code null}
     * @param from     start of the utterance in the file, seconds (0 for a whole clip)
     * @param to       its end, seconds, or {@code NaN} for the whole file
     */
    public record Listed(Path source, String shape, String columns, String id, String text, String speaker,
                         String gender, String age, String dialect, String language, double from, double to) {
        /** Whether the row is a whole file (a clip), not a stretch of a longer recording. */
        public boolean wholeFile() {
            return Double.isNaN(to);
        }
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

    /**
     * What progress lines call each recording: its file name, or as much of its path as tells it from another of
     * the same name ({@code a/sama.wav}, {@code b/sama.wav}: recorders name their files alike).
     */
    public static java.util.Map<Path, String> labels(java.util.List<WorkItem> items) {
        java.util.Map<Path, Integer> depth = new java.util.HashMap<>();
        for (WorkItem w : items) depth.put(w.media(), 1);
        for (int round = 0; round < 64; round++) {
            java.util.Map<String, java.util.List<Path>> byLabel = new java.util.HashMap<>();
            for (Path p : depth.keySet()) byLabel.computeIfAbsent(label(p, depth.get(p)), k -> new java.util.ArrayList<>()).add(p);
            boolean longer = false;
            for (java.util.List<Path> same : byLabel.values()) {
                if (same.size() < 2) continue;
                for (Path p : same) {
                    if (depth.get(p) < p.getNameCount()) {
                        depth.merge(p, 1, Integer::sum);
                        longer = true;
                    }
                }
            }
            if (!longer) break;
        }
        java.util.Map<Path, String> out = new java.util.HashMap<>();
        depth.forEach((p, d) -> out.put(p, label(p, d)));
        return out;
    }

    private static String label(Path p, int depth) {
        int n = p.getNameCount();
        return p.subpath(Math.max(0, n - depth), n).toString().replace('\\', '/');
    }
}
