package org.samtal.align;

import org.samtal.media.DecodedAudio;
import org.samtal.model.Recording;
import org.samtal.model.TextUnit;
import org.samtal.model.Turn;
import org.samtal.speech.SpeechMap;

import java.util.List;

/**
 * Everything an aligner gets for one channel of one recording.
 *
 * @param recording the recording
 * @param audio     its decoded audio
 * @param channel   which channel to align
 * @param speech    speech detected in that channel
 * @param units     transcript sentences in order
 * @param turns     the transcript's turns (the units' {@code turn} indexes point here), with their times if timed
 * @param windows   per unit index, a stretch {@code {start, end}} (seconds) the unit is known to lie in, e.g. its own
 *                  clip among clips joined for checking; engines that can use it keep the unit there
 * @param evidence  what an alignment of the whole recording found of the transcript being its own (its metrics'
 *                  {@code recording_margin} and {@code recording_contrast}), when this request aligns a part of it
 *                  again (a speaker's turns on their own channel); {@code null} when it is the whole
 */
public record AlignmentRequest(Recording recording, DecodedAudio audio, int channel, SpeechMap speech,
                               List<TextUnit> units, List<Turn> turns, java.util.Map<Integer, double[]> windows,
                               java.util.Map<String, Double> evidence) {
    public AlignmentRequest {
        units = List.copyOf(units);
        turns = List.copyOf(turns);
        windows = java.util.Map.copyOf(windows);
        evidence = evidence == null ? null : java.util.Map.copyOf(evidence);
    }

    public AlignmentRequest(Recording recording, DecodedAudio audio, int channel, SpeechMap speech,
                            List<TextUnit> units, List<Turn> turns, java.util.Map<Integer, double[]> windows) {
        this(recording, audio, channel, speech, units, turns, windows, null);
    }

    /** A request whose units may lie anywhere. */
    public AlignmentRequest(Recording recording, DecodedAudio audio, int channel, SpeechMap speech,
                            List<TextUnit> units, List<Turn> turns) {
        this(recording, audio, channel, speech, units, turns, java.util.Map.of());
    }

    /** The same request, a part of a recording whose whole alignment found {@code evidence}. */
    public AlignmentRequest withEvidence(java.util.Map<String, Double> wholeEvidence) {
        return new AlignmentRequest(recording, audio, channel, speech, units, turns, windows, wholeEvidence);
    }

    /** A request with no turn times. */
    public AlignmentRequest(Recording recording, DecodedAudio audio, int channel, SpeechMap speech, List<TextUnit> units) {
        this(recording, audio, channel, speech, units, List.of());
    }

    /** The same request with other units (a subset, for an engine that delegates). */
    public AlignmentRequest withUnits(List<TextUnit> other) {
        return new AlignmentRequest(recording, audio, channel, speech, other, turns, windows, evidence);
    }
}
