package org.samtal.intake;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A partner's {@code submission.json} (or {@code .yaml}): who delivers, on which track, under which licence, and
 * what each recording holds. The schema is {@code submission.schema.json} beside this class.
 *
 * @param partner     the partner
 * @param submission  id of this delivery (defaults to the folder name)
 * @param track       {@code open} or {@code private}
 * @param licence     SPDX id; required for the open track
 * @param language    default BCP 47 tag
 * @param consent     how the speakers consented
 * @param description topic and kind of material
 * @param recordings  the recordings
 * @param table       a table of transcripts in the delivery (its clips and their text), or {@code null}
 * @param tableColumns which column of the table holds each role, when its header is not recognised
 */
public record Submission(Partner partner, String submission, String track, String licence, String language,
                         String consent, String description, List<Item> recordings, String table,
                         @JsonProperty("table_columns") java.util.Map<String, String> tableColumns) {

    /**
     * @param id      short stable id
     * @param name    display name
     * @param contact e-mail address
     */
    public record Partner(String id, String name, String contact) {
    }

    /**
     * @param file       media file, relative to the submission folder
     * @param transcript transcript file, or {@code null} for the file of the same stem
     * @param language   BCP 47 tag when it differs from the submission's
     * @param speakers   speakers with their metadata
     */
    public record Item(String file, String transcript, String language, List<Speaker> speakers) {
    }

    /**
     * @param name     as written in the transcript
     * @param gender   f, m or other (female, male, kona, ... as written are read as in a table's gender column)
     * @param ageRange e.g. 40-49
     * @param dialect  e.g. norðlenska
     * @param global   the same person under this name in every delivery (a presenter); otherwise a name means one
     *                 person within its delivery only
     */
    public record Speaker(String name, String gender, @JsonProperty("age_range") String ageRange, String dialect,
                          Boolean global) {
        public Speaker {
            gender = TranscriptTable.gender(gender);
        }

        public Speaker(String name, String gender, String ageRange, String dialect) {
            this(name, gender, ageRange, dialect, null);
        }
    }
}
