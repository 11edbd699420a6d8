package org.samtal.cli;

import org.samtal.align.Aligners;
import org.samtal.align.SegmentFilter;
import org.samtal.align.SegmentationPolicy;
import org.samtal.media.ClipFormat;
import org.samtal.run.BuildSettings;
import org.samtal.speech.DetectorSettings;
import org.samtal.text.LanguageCheck;
import org.samtal.text.LanguageTags;
import org.samtal.text.TextSettings;
import org.samtal.text.TrainingText;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options that shape a corpus (engine, detection, segmentation, filters, models, text, personal data, copies),
 * as a picocli mixin, and the one place they become {@link BuildSettings}. A bad value is refused naming its option.
 */
final class SettingsOptions {
    @Option(names = "--aligner", defaultValue = "auto", description = "alignment engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = AlignerNames.class)
    String aligner;

    @Option(names = "--clip-format", defaultValue = "flac", description = "clip format: flac or wav (default: ${DEFAULT-VALUE})")
    String clipFormat;

    @Option(names = "--audio-stream", defaultValue = "0", description = "audio stream of each file, counted from 0 (default: ${DEFAULT-VALUE})")
    int audioStream;

    @Option(names = "--min-pause", defaultValue = "0.2", description = "shortest pause between phrases, seconds (default: ${DEFAULT-VALUE})")
    double minPause;

    @Option(names = "--min-speech", defaultValue = "0.08", description = "shortest speech kept, seconds (default: ${DEFAULT-VALUE})")
    double minSpeech;

    @Option(names = "--min-duration", defaultValue = "1.0", description = "shortest segment, seconds (default: ${DEFAULT-VALUE})")
    double minDuration;

    @Option(names = "--max-duration", defaultValue = "20.0", description = "longest segment, seconds (default: ${DEFAULT-VALUE})")
    double maxDuration;

    @Option(names = "--snap", defaultValue = "0.6", description = "how far a boundary may move to reach the edge of detected speech, seconds (default: ${DEFAULT-VALUE})")
    double snap;

    @Option(names = "--min-score", defaultValue = "0.5", description = "lowest alignment score kept (default: ${DEFAULT-VALUE})")
    double minScore;

    @Option(names = "--model", description = "a Vosk model folder to align with (overrides the catalog)")
    Path model;

    @Option(names = "--models", description = "folder of the model catalog (default: models/ of the samtal checkout)")
    Path models;

    @Option(names = "--encoding", description = "code page of transcripts that are not UTF-8, e.g. windows-1250 "
            + "(default: chosen by the language and by which reading gives words; refused with the candidates when unclear)")
    String encoding;

    @Option(names = "--transcript-format", description = "read every transcript as: srt, vtt, textgrid, eaf, json, txt, or lines (text with one utterance a line) (default: by extension and content)")
    String transcriptFormat;

    @Option(names = "--case", defaultValue = "keep", description = "letter case of the training text: keep or lower (default: ${DEFAULT-VALUE})")
    String casing;

    @Option(names = "--punctuation", defaultValue = "keep", description = "punctuation of the training text: keep or strip (default: ${DEFAULT-VALUE})")
    String punctuation;

    @Option(names = "--detect-languages", split = ",", defaultValue = "is,en,da,nb,sv,de,pl",
            description = "languages each turn's language is told apart from, ISO 639-1; 'none' to skip (default: ${DEFAULT-VALUE})")
    List<String> detectLanguages;

    @Option(names = "--personal-data", defaultValue = "drop", description = "segments holding personal data (kennitala, "
            + "phone, e-mail, IBAN, card, address): drop; redact (in text, and in audio where "
            + "the engine timed it, else the segment is left out); redact-text (as redact, but segments whose audio still "
            + "holds it are kept, flagged personal_data_in_audio in every format); or flag (default: ${DEFAULT-VALUE})")
    String personalData;

    @Option(names = "--channels", defaultValue = "auto", description = "a recording of several channels: auto (one "
            + "speaker per channel when each speaker's turns are clearly louder on one channel: each speaker aligned and cut "
            + "from their own channel), split (always so), mix (one mono mix) (default: ${DEFAULT-VALUE})")
    String channels;

    @Option(names = "--duplicates", defaultValue = "skip", description = "copies of recordings already in the corpus "
            + "(same decoded audio, same sound, or same transcript): skip, report or keep (default: ${DEFAULT-VALUE}; "
            + "read-speech corpora, where speakers read the same texts, want report)")
    String duplicates;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    static final class AlignerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Aligners.NAMES.iterator();
        }
    }

    /**
     * The settings these options give for recordings in {@code language}.
     *
     * @throws CommandLine.ParameterException naming the option whose value is refused
     */
    BuildSettings settings(String language) {
        try {
            String tag = LanguageTags.validate(language);
            if (!List.of("flac", "wav").contains(clipFormat)) throw new IllegalArgumentException("--clip-format must be flac or wav");
            ClipFormat format = ClipFormat.valueOf(clipFormat.toUpperCase(Locale.ROOT));
            if (!Aligners.NAMES.contains(aligner)) {
                throw new IllegalArgumentException("unknown aligner '" + aligner + "'; choose one of " + Aligners.NAMES);
            }
            DetectorSettings detector = DetectorSettings.defaults().withMinPause(minPause).withMinSpeech(minSpeech);
            SegmentationPolicy policy = new SegmentationPolicy(minDuration, maxDuration,
                    SegmentationPolicy.defaults().maxPadding(), SegmentationPolicy.defaults().mergeGap(), snap);
            SegmentFilter d = SegmentFilter.defaults();
            SegmentFilter filter = new SegmentFilter(minScore, minDuration, maxDuration, d.minCharsPerSec(), d.maxCharsPerSec());
            Path catalog = models != null ? models : Aligners.defaultModelsFolder(Checkout.root());
            List<String> detect = detectLanguages.equals(List.of("none")) ? List.of() : detectLanguages;
            for (String l : detect) {
                if (!LanguageCheck.AVAILABLE.contains(l)) {
                    throw new IllegalArgumentException("--detect-languages: no model for '" + l + "'; choose from "
                            + new java.util.TreeSet<>(LanguageCheck.AVAILABLE) + " or 'none'");
                }
            }
            if (!List.of("keep", "lower").contains(casing)) throw new IllegalArgumentException("--case must be keep or lower");
            if (!List.of("keep", "strip").contains(punctuation)) throw new IllegalArgumentException("--punctuation must be keep or strip");
            TextSettings text = new TextSettings(transcriptFormat, TrainingText.Case.valueOf(casing.toUpperCase(Locale.ROOT)),
                    TrainingText.Punctuation.valueOf(punctuation.toUpperCase(Locale.ROOT)), detect, encoding(encoding));
            return new BuildSettings(tag, aligner, format, audioStream, detector, policy, filter,
                    catalog.toAbsolutePath().toString(), model == null ? null : model.toAbsolutePath().toString(), text,
                    org.samtal.privacy.Screening.Policy.parse(personalData).name().toLowerCase(Locale.ROOT),
                    checkDuplicates(duplicates), channels);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }

    /** The canonical name of the code page the user named, or {@code null}. */
    private static String encoding(String name) {
        if (name == null) return null;
        try {
            return java.nio.charset.Charset.forName(name).name();
        } catch (java.nio.charset.IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
            throw new IllegalArgumentException("--encoding: unknown code page '" + name
                    + "'; use a name such as windows-1252, windows-1250, windows-1257 or ISO-8859-2");
        }
    }

    private static String checkDuplicates(String policy) {
        if (!List.of("skip", "report", "keep").contains(policy)) {
            throw new IllegalArgumentException("--duplicates must be skip, report or keep, not '" + policy + "'");
        }
        return policy;
    }
}
