package org.samtal.synth;

import java.util.List;

/**
 * Generated speech and its exact truth.
 *
 * @param sampleRate rate of {@code channels}
 * @param channels   one sample array per channel, all the same length
 * @param truth      every sentence with its true speech start and end
 * @param turns      the conversation's turns (speaker name, text of all its sentences)
 */
public record SyntheticConversation(int sampleRate, short[][] channels, List<TruthSentence> truth,
                                    List<ConversationScript.Line> turns) {
    public double duration() {
        return (double) channels[0].length / sampleRate;
    }

    /** Channels interleaved, as encoders want them. */
    public short[] interleaved() {
        int c = channels.length;
        int n = channels[0].length;
        short[] out = new short[n * c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) out[i * c + ch] = channels[ch][i];
        }
        return out;
    }
}
