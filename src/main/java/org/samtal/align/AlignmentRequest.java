package org.samtal.align;

import org.samtal.media.DecodedAudio;
import org.samtal.model.Recording;
import org.samtal.model.TextUnit;
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
 */
public record AlignmentRequest(Recording recording, DecodedAudio audio, int channel, SpeechMap speech,
                               List<TextUnit> units) {
    public AlignmentRequest {
        units = List.copyOf(units);
    }
}
