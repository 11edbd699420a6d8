package org.samtal.synth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a synthesised sentence really is: the first and last sample above silence, in seconds.
 *
 * @param index   position in the conversation
 * @param turn    turn index
 * @param speaker speaker name
 * @param text    the sentence
 * @param start   exact speech start
 * @param end     exact speech end
 * @param channel channel the speaker is on (0 in a mono file)
 * @param clipStart where the sentence's recorded clip starts in a joined recording ({@code null} for generated
 *                  speech): a sentence placed anywhere inside its own clip is placed right
 * @param clipEnd   where that clip ends
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TruthSentence(int index, int turn, String speaker, String text, double start, double end, int channel,
                            @JsonProperty("clip_start") Double clipStart, @JsonProperty("clip_end") Double clipEnd) {

    /** A sentence of generated speech: no clip around it. */
    public TruthSentence(int index, int turn, String speaker, String text, double start, double end, int channel) {
        this(index, turn, speaker, text, start, end, channel, null, null);
    }

    /** The span a placement must fall in to be right: the clip when there is one, else the speech itself. */
    public double spanStart() {
        return clipStart == null ? start : clipStart;
    }

    public double spanEnd() {
        return clipEnd == null ? end : clipEnd;
    }
}
