package org.samtal.cli;

import org.samtal.align.Aligners;
import org.samtal.align.SegmentFilter;
import org.samtal.align.SegmentationPolicy;
import org.samtal.media.ClipFormat;
import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.BuildReport;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;
import org.samtal.speech.DetectorSettings;
import org.samtal.text.LanguageTags;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true, description = {
        "Build a corpus from recordings and their transcripts.",
        "A recording pairs with the transcript of the same file stem (talk1.mp4 + talk1.txt).",
        "Writes OUT/manifest.jsonl, OUT/clips/ and OUT/build-report.json; exits 1 when any input failed."})
final class BuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "media files and folders (scanned recursively)")
    List<Path> inputs;

    @Option(names = "--lang", description = "BCP 47 language tag of the recordings, e.g. is, en-US (default: the submission's)")
    String lang;

    @Option(names = "--out", required = true, description = "output folder of the corpus")
    Path out;

    @Option(names = "--transcript", description = "transcript of the (single) recording among the inputs")
    Path transcript;

    @Option(names = "--table", description = "a CSV or TSV that maps the clips among the inputs to their text "
            + "(tables in the input folders are found by their headers: Common Voice, Samrómur, LJSpeech, or guessed)")
    Path table;

    @Option(names = "--table-columns", description = "the columns of a table whose header is not recognised: "
            + "file=COLUMN,text=COLUMN[,speaker=,gender=,age=,dialect=,language=]")
    String tableColumns;

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

    @Option(names = "--formats", split = ",", defaultValue = "nemo,kaldi,lhotse,hf,cv",
            description = "corpus formats to write: nemo, kaldi, kaldi_sources, lhotse, hf, webdataset, cv, mfa (default: ${DEFAULT-VALUE})")
    List<String> formats;

    @Option(names = "--shard-size", defaultValue = "1073741824", description = "WebDataset shard size in bytes (default: ${DEFAULT-VALUE})")
    long shardSize;

    @Option(names = "--personal-data", defaultValue = "drop", description = "segments holding personal data (kennitala, "
            + "phone, e-mail, IBAN, card, address): drop; redact (in text, and in audio where "
            + "the engine timed it, else the segment is left out); redact-text (as redact, but segments whose audio still "
            + "holds it are kept, flagged personal_data_in_audio in every format); or flag (default: ${DEFAULT-VALUE})")
    String personalData;

    @Option(names = "--duplicates", defaultValue = "skip", description = "copies of recordings already in the corpus "
            + "(same decoded audio, same sound, or same transcript): skip, report or keep (default: ${DEFAULT-VALUE}; "
            + "read-speech corpora, where speakers read the same texts, want report)")
    String duplicates;

    @Option(names = "--force", description = "rebuild recordings that an earlier identical build completed")
    boolean force;

    @Option(names = "--prune", description = "remove the corpus's recordings that are not among this build's inputs "
            + "(without it a build adds and updates, and keeps what earlier builds put into the corpus)")
    boolean prune;

    @Option(names = "--wait", description = "when another samtal is writing into the corpus, wait for it to finish (default: stop, exit code 3)")
    boolean waitForLock;

    @Option(names = "--runner", defaultValue = "direct", description = "where the recordings are built: direct (this "
            + "process, --workers at once), inline (one after another, no Beam), flink or spark (the same pipeline on a "
            + "cluster, from samtal-cluster.jar) (default: ${DEFAULT-VALUE})")
    String runner;

    @Option(names = "--workers", description = "recordings built at once in this process (default: the number of cores)")
    Integer workers;

    @Option(names = "--beam-option", description = "a Beam pipeline option for the runner, as --name=value, e.g. "
            + "--beam-option=--flinkMaster=host:8081 (repeatable)")
    List<String> beamOptions = new java.util.ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class AlignerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Aligners.NAMES.iterator();
        }
    }

    @Override
    public Integer call() throws java.io.IOException {
        java.util.Set<String> tracks = new java.util.TreeSet<>();
        java.util.Map<String, Integer> languages = new java.util.TreeMap<>();
        boolean undeclaredLanguage = false;
        java.util.Map<String, String> columns;
        try {
            columns = org.samtal.intake.TranscriptTable.parseMapping(tableColumns);
            for (var w : new org.samtal.intake.Intake(table, columns).scan(inputs, transcript).items()) {
                tracks.add(BuildJob.trackOf(w));
                if (w.delivery() != null && w.delivery().language() != null) languages.merge(w.delivery().language(), 1, Integer::sum);
                else if (w.listed() != null && w.listed().language() != null) languages.merge(w.listed().language(), 1, Integer::sum);
                else undeclaredLanguage = true;
            }
            if (lang == null) {
                // recordings with a submission carry their own language; the others need --lang
                if (languages.isEmpty() || undeclaredLanguage) {
                    throw new IllegalArgumentException("--lang is required (" + (languages.isEmpty()
                            ? "no submission.json gives a language)" : "some recordings have no submission.json)"));
                }
                lang = languages.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            }
            org.samtal.corpus.Exporter.requireKnown(formats);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        BuildSettings settings = settings();
        boolean declared = !tracks.isEmpty() && !tracks.equals(java.util.Set.of("undeclared"));
        boolean anyFailed = false;
        // open and private deliveries never share an output root
        for (String track : declared ? tracks : java.util.Set.of("undeclared")) {
            Path root = declared ? out.resolve(track) : out;
            BuildReport report;
            try {
                report = new BuildJob(settings, root, new Media(), new Progress(System.err, quiet), formats, shardSize, prune)
                        .withTable(table, columns).withRunner(buildRunner()).run(inputs, transcript, force, declared ? track : null, waitForLock);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (declared) System.out.println("track " + track + ":");
            Summary.print(System.out, report, root);
            anyFailed |= report.anyFailed();
        }
        return anyFailed ? 1 : 0;
    }

    private org.samtal.run.BuildRunner buildRunner() {
        try {
            return new org.samtal.run.BuildRunner(runner, workers == null ? Runtime.getRuntime().availableProcessors() : workers,
                    beamOptions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
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

    BuildSettings settings() {
        String tag;
        ClipFormat format;
        try {
            tag = LanguageTags.validate(lang);
            if (!List.of("flac", "wav").contains(clipFormat)) throw new IllegalArgumentException("--clip-format must be flac or wav");
            format = ClipFormat.valueOf(clipFormat.toUpperCase(java.util.Locale.ROOT));
            if (!Aligners.NAMES.contains(aligner)) {
                throw new IllegalArgumentException("unknown aligner '" + aligner + "'; choose one of " + Aligners.NAMES);
            }
            DetectorSettings detector = DetectorSettings.defaults().withMinPause(minPause).withMinSpeech(minSpeech);
            SegmentationPolicy policy = new SegmentationPolicy(minDuration, maxDuration,
                    SegmentationPolicy.defaults().maxPadding(), SegmentationPolicy.defaults().mergeGap(), snap);
            SegmentFilter d = SegmentFilter.defaults();
            SegmentFilter filter = new SegmentFilter(minScore, minDuration, maxDuration, d.minCharsPerSec(), d.maxCharsPerSec());
            Path catalog = models != null ? models : org.samtal.align.Aligners.defaultModelsFolder(Checkout.root());
            List<String> detect = detectLanguages.equals(List.of("none")) ? List.of() : detectLanguages;
            for (String l : detect) {
                if (!org.samtal.text.LanguageCheck.AVAILABLE.contains(l)) {
                    throw new IllegalArgumentException("--detect-languages: no model for '" + l + "'; choose from "
                            + new java.util.TreeSet<>(org.samtal.text.LanguageCheck.AVAILABLE) + " or 'none'");
                }
            }
            if (!List.of("keep", "lower").contains(casing)) throw new IllegalArgumentException("--case must be keep or lower");
            if (!List.of("keep", "strip").contains(punctuation)) throw new IllegalArgumentException("--punctuation must be keep or strip");
            org.samtal.text.TextSettings text = new org.samtal.text.TextSettings(transcriptFormat,
                    org.samtal.text.TrainingText.Case.valueOf(casing.toUpperCase(java.util.Locale.ROOT)),
                    org.samtal.text.TrainingText.Punctuation.valueOf(punctuation.toUpperCase(java.util.Locale.ROOT)), detect,
                    encoding(encoding));
            return new BuildSettings(tag, aligner, format, audioStream, detector, policy, filter,
                    catalog.toAbsolutePath().toString(), model == null ? null : model.toAbsolutePath().toString(), text,
                    org.samtal.privacy.Screening.Policy.parse(personalData).name().toLowerCase(java.util.Locale.ROOT),
                    checkDuplicates(duplicates));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
