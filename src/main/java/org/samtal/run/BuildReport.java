package org.samtal.run;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The build's account of itself, written to {@code build-report.json}.
 *
 * @param samtalVersion version that built it
 * @param startedAt     ISO-8601 start time
 * @param finishedAt    ISO-8601 end time
 * @param configHash    hash of the settings
 * @param settings      the settings
 * @param recordings    one entry per input recording
 * @param ignored       files in the inputs that were not used, with why
 * @param pruned        recordings {@code --prune} removed from the corpus (not among this build's inputs)
 * @param totals        sums over the recordings
 */
public record BuildReport(@JsonProperty("samtal_version") String samtalVersion,
                          @JsonProperty("started_at") String startedAt, @JsonProperty("finished_at") String finishedAt,
                          @JsonProperty("config_hash") String configHash, BuildSettings settings,
                          List<RecordingOutcome> recordings, List<IgnoredFile> ignored, List<String> pruned,
                          Totals totals) {

    /**
     * @param file   path
     * @param reason why it was not used
     */
    public record IgnoredFile(String file, String reason) {
    }

    /**
     * @param ok             recordings built now
     * @param skipped        recordings already built
     * @param duplicates     recordings left out as copies of others
     * @param failed         recordings that failed
     * @param warnings       the recordings' warnings (problems worth a look; their notes are not counted here)
     * @param notes          the recordings' notes (information)
     * @param segments       segments in the manifest (of every recording in the corpus, from every build)
     * @param speakers       distinct speakers in the manifest
     * @param segmentHours   hours of audio in the manifest
     * @param audioHours     hours of input audio decoded in this run
     * @param elapsedSeconds wall time of the build
     * @param assemblySeconds wall time of the corpus assembly, the build's serial tail, up to the card: manifest,
     *                        rejected list, review decisions, formats (the card and its checksums, which cover this
     *                        report, follow); {@code null} in the report written before the formats
     */
    public record Totals(int ok, int skipped, int duplicates, int failed, int warnings, int notes, int segments, int speakers, @JsonProperty("segment_hours") double segmentHours,
                         @JsonProperty("audio_hours") double audioHours,
                         @JsonProperty("elapsed_seconds") double elapsedSeconds,
                         @JsonProperty("assembly_seconds") Double assemblySeconds) {
        Totals ended(double elapsed, double assembly) {
            return new Totals(ok, skipped, duplicates, failed, warnings, notes, segments, speakers, segmentHours, audioHours, elapsed, assembly);
        }
    }

    /** The report once the corpus assembly ended: the build's whole time and the assembly's. */
    BuildReport ended(String finished, double elapsed, double assembly) {
        return new BuildReport(samtalVersion, startedAt, finished, configHash, settings, recordings, ignored, pruned,
                totals.ended(elapsed, assembly));
    }

    public boolean anyFailed() {
        return totals.failed() > 0;
    }
}
