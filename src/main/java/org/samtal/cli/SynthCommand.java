package org.samtal.cli;

import org.samtal.media.AudioEncoder;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.JoinedClips;
import org.samtal.synth.TranscriptFiles;
import org.samtal.synth.SyntheticConversation;
import org.samtal.synth.TruthFile;
import org.samtal.text.LanguageTags;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "synth", mixinStandardHelpOptions = true, description = {"Make a test conversation with espeak-ng: media in several formats, its turn "
        + "transcript, and truth.json with every sentence's exact speech start and end. Seeded and reproducible."})
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--lang", defaultValue = "is", description = "language of the voices (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--name", defaultValue = "conversation", description = "file stem (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--script", description = "conversation script, lines of 'Speaker: text', or a built-in one: "
            + "interview-is, weather-is, dialogue-ko (default: interview-is, or dialogue-ko for --lang ko)")
    String script;

    @Option(names = "--formats", split = ",", defaultValue = "wav", description = "media formats: wav, flac, mp3, m4a, mp4, mkv, ogg, opus (default: ${DEFAULT-VALUE})")
    List<String> formats;

    @Option(names = "--rate", defaultValue = "16000", description = "sample rate (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--stereo", description = "one speaker per channel instead of mono (with --from-table: two "
            + "speakers of the table taking turns, clips cut to their speech)")
    boolean stereo;

    @Option(names = "--crosstalk", description = "with --stereo: each speaker also leaks into the other channel this "
            + "many dB down and 4 ms late, as in a telephone or studio interview (e.g. -25)")
    Double crosstalk;

    @Option(names = "--overlap", defaultValue = "0", description = "at every third change of speaker, the next speaker "
            + "starts this many seconds before the previous one stops (at most half of either sentence)")
    double overlap;

    @Option(names = "--speakers", split = ",", description = "with --from-table --stereo: the two speakers (the table's "
            + "ids) of the conversation, one a channel, their clips taking turns (default: the first two the table lists)")
    List<String> speakers;

    @Option(names = "--snr", description = "add white noise at this signal-to-noise ratio in dB")
    Double snr;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--minutes", defaultValue = "0", description = "repeat the script until the audio lasts this long")
    double minutes;

    @Option(names = "--intro", defaultValue = "0", description = "seconds of music-like tones before the first sentence (not in the transcript)")
    double intro;

    @Option(names = "--gap", defaultValue = "0", description = "seconds of extra silence once, mid-conversation")
    double gap;

    @Option(names = "--transcripts", split = ",", defaultValue = "turns", description = "transcripts to write: turns "
            + "(NAME.txt), lines (NAME.txt, one sentence a line, no speakers), plain (NAME.plain.txt), srt (NAME.srt, with coarse times) (default: ${DEFAULT-VALUE})")
    List<String> transcripts;

    @Option(names = "--from-clips", description = "instead of speaking a script, join recorded clips listed in a Sphinx "
            + "transcription file (e.g. /usr/share/pocketsphinx/test/data/librivox/transcription) with pauses between them")
    Path fromClips;

    @Option(names = "--from-table", description = "instead of speaking a script, join the recorded clips a tab-separated "
            + "table lists (a file column and a text column, e.g. ../shared/realspeech/is-samromur-dev/metadata.tsv); the "
            + "truth keeps each clip's span")
    Path fromTable;

    @CommandLine.Mixin
    JoinOptions joining;

    @Option(names = "--pause", defaultValue = "0.8", description = "pause between joined clips, seconds (default: ${DEFAULT-VALUE})")
    double pause;

    @Option(names = "--edges", description = "with --from-clips: speech edges per clip to use as the truth, JSON "
            + "{\"clips\": {\"clip-id\": {\"start\": s, \"end\": s}}} (e.g. corpora/reference/librivox-pocketsphinx.json, "
            + "a forced aligner's); clips it does not name get edges measured from their level")
    Path edges;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String tag;
        try {
            tag = LanguageTags.validate(lang);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (edges != null && fromClips == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--edges gives the truth of recorded clips; "
                    + "use it with --from-clips");
        }
        Media media = new Media();
        if (crosstalk != null && !stereo) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--crosstalk leaks one channel into the other; "
                    + "use it with --stereo");
        }
        if (fromTable != null && stereo) {
            SyntheticConversation joined = new JoinedClips(media, out.resolve(".work")).joinTableStereo(fromTable, joining.textColumn,
                    rate, JoinedClips.JoinSettings.of(true, seed), speakers == null ? List.of() : speakers,
                    crosstalk == null ? Double.NaN : crosstalk, overlap);
            write(media, joined);
            return 0;
        }
        if (fromTable != null) {
            SyntheticConversation joined = new JoinedClips(media, out.resolve(".work")).joinTable(fromTable, joining.textColumn,
                    rate, joining.settings(seed), joining.clips);
            write(media, joined);
            return 0;
        }
        if (fromClips != null) {
            Map<String, JoinedClips.Edges> reference = edges == null ? Map.of() : JoinedClips.readEdges(edges);
            SyntheticConversation joined = new JoinedClips(media, out.resolve(".work")).join(fromClips, rate, pause, reference);
            write(media, joined);
            return 0;
        }
        Espeak espeak = new Espeak(media, out.resolve(".work"));
        if (!espeak.available()) {
            System.err.println("samtal: espeak-ng is not installed; install it with: sudo apt-get install espeak-ng");
            return 1;
        }
        String primary = LanguageTags.primary(tag);
        String scriptName = script != null ? script : primary.equals("ko") ? "dialogue-ko" : "interview-is";
        if (script == null && !primary.equals("is") && !primary.equals("ko")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the built-in scripts are Icelandic and Korean; pass --script FILE for " + tag);
        }
        ConversationScript base = Files.isRegularFile(Path.of(scriptName)) ? ConversationScript.read(Path.of(scriptName))
                : ConversationScript.builtIn(scriptName);
        ConversationSynth.Settings settings = ConversationSynth.Settings.defaults(LanguageTags.primary(tag))
                .withRate(rate).withStereo(stereo).withSeed(seed).withSnr(snr == null ? Double.NaN : snr)
                .withExtraAudio(intro, gap).withCrosstalk(crosstalk == null ? Double.NaN : crosstalk, overlap);
        ConversationSynth synth = new ConversationSynth(espeak);
        ConversationScript conv = base;
        if (minutes > 0) {
            // how long the script lasts depends on the language's speech rate: measure it once, then repeat
            double once = synth.synthesize(base, ConversationSynth.defaultVoices(base, primary), settings).duration();
            conv = repeat(base, (int) Math.max(1, Math.ceil(minutes * 60 / Math.max(1, once))));
        }
        SyntheticConversation c = synth.synthesize(conv, ConversationSynth.defaultVoices(conv, primary), settings);
        write(media, c);
        return 0;
    }

    /** Writes the media in every format asked, the turn transcript and the truth. */
    private void write(Media media, SyntheticConversation c) throws Exception {
        Files.createDirectories(out);
        List<String> written = new ArrayList<>();
        short[] pcm = c.interleaved();
        for (String f : formats) {
            Path file = out.resolve(name + "." + f);
            EncoderSettings es = EncoderSettings.forExtension(f, c.sampleRate(), c.channels().length);
            AtomicFiles.produce(file, tmp -> {
                try (AudioEncoder enc = media.openEncoder(tmp, es)) {
                    enc.write(pcm, pcm.length);
                }
            });
            written.add(file.getFileName().toString());
        }
        for (String t : transcripts) {
            switch (t) {
                case "turns" -> AtomicFiles.writeString(out.resolve(name + ".txt"), TranscriptFiles.turns(c));
                case "lines" -> AtomicFiles.writeString(out.resolve(name + ".txt"), TranscriptFiles.lines(c));
                case "plain" -> AtomicFiles.writeString(out.resolve(name + ".plain.txt"), TranscriptFiles.plain(c));
                case "srt" -> AtomicFiles.writeString(out.resolve(name + ".srt"), TranscriptFiles.srt(c, seed));
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown transcript format '" + t + "' (turns, lines, plain, srt)");
            }
        }
        TruthFile truth = new TruthFile(c.sampleRate(), c.duration(), written, c.truth());
        AtomicFiles.write(out.resolve(name + ".truth.json"),
                o -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(o, truth));
        deleteTree(out.resolve(".work"));
        System.out.printf("samtal synth: %.1f s, %d sentences, %s → %s%n", c.duration(), c.truth().size(), written, out);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static ConversationScript repeat(ConversationScript s, int times) {
        List<ConversationScript.Line> lines = new ArrayList<>();
        for (int i = 0; i < times; i++) lines.addAll(s.lines());
        return new ConversationScript(lines);
    }
}
