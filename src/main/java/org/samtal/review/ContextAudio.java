package org.samtal.review;

import org.samtal.media.ClipFormat;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.media.MediaException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The audio a validator hears: a segment with {@link #CONTEXT} seconds of the recording on each side, as 16 kHz mono
 * WAV (which every browser plays and the page draws without a decoder). Made from the delivered recording, once per
 * segment, and kept in {@code .samtal/review/context/}; a recording is decoded once for all its sampled segments.
 * A clip whose audio was redacted is served as it is, with no context from the source.
 */
final class ContextAudio {
    static final double CONTEXT = 2.0;

    /**
     * @param wav  the audio file
     * @param from where it starts in the source recording, seconds
     * @param to   where it ends
     */
    record Context(Path wav, double from, double to) {
    }

    private final ReviewCorpus corpus;
    private final Media media;
    private final Path cache;

    ContextAudio(ReviewCorpus corpus, Media media) {
        this.corpus = corpus;
        this.media = media;
        this.cache = org.samtal.corpus.CorpusStore.at(corpus.reviewRoot()).reviewContext();
        ownerOnly(cache);
    }

    /** Context audio of private segments is as confidential as they are: the folder is the owner's only. */
    private static void ownerOnly(Path dir) {
        try {
            org.samtal.util.AtomicFiles.createDirectories(dir);
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The context audio of a segment, made now if needed, together with that of the other given segments of its
     * recording (so the recording is decoded once).
     */
    synchronized Context of(ReviewSegment s, Collection<ReviewSegment> others) {
        if (!withContext(s)) return asIs(s);
        Path wav = file(s);
        if (!Files.isRegularFile(wav)) {
            Path source = corpus.source(s).orElse(null);
            if (source == null) return asIs(s);
            DecodedAudio audio = null;
            try {
                audio = media.decode(source, new DecodeOptions(DecodeOptions.SPEECH_RATE, corpus.audioStream(s.corpus()), true),
                        org.samtal.corpus.CorpusStore.at(corpus.reviewRoot()).reviewWork(), null);
                for (ReviewSegment o : others) {
                    if (o.row().recordingId().equals(s.row().recordingId()) && o.corpus().equals(s.corpus())
                            && withContext(o) && !Files.isRegularFile(file(o))) write(audio, o);
                }
                if (!Files.isRegularFile(wav)) write(audio, s);
            } catch (MediaException e) {
                return asIs(s); // the page says when there is no context
            } finally {
                if (audio != null) audio.delete();
            }
        }
        double from = Math.max(0, s.row().start() - CONTEXT);
        return new Context(wav, from, from + seconds(wav));
    }

    private void write(DecodedAudio audio, ReviewSegment s) {
        long from = audio.sampleAt(Math.max(0, s.row().start() - CONTEXT));
        long to = Math.min(audio.numSamples(), audio.sampleAt(s.row().end() + CONTEXT));
        if (to <= from) return;
        media.writeClip(audio, s.row().channel(), from, to, file(s), ClipFormat.WAV, List.of());
    }

    private static boolean withContext(ReviewSegment s) {
        List<String> flags = s.row().flags() == null ? List.of() : s.row().flags();
        return !flags.contains("personal_data_redacted") && !flags.contains("personal_data_in_audio");
    }

    private Context asIs(ReviewSegment s) {
        Path clip = corpus.clip(s);
        if (clip.getFileName().toString().endsWith(".wav")) return new Context(clip, s.row().start(), s.row().end());
        Path wav = cache.resolve(s.corpus().isEmpty() ? "_" : s.corpus()).resolve(s.id() + ".clip.wav");
        if (!Files.isRegularFile(wav)) {
            DecodedAudio audio = media.decode(clip, new DecodeOptions(DecodeOptions.SPEECH_RATE, 0, true),
                    org.samtal.corpus.CorpusStore.at(corpus.reviewRoot()).reviewWork(), null);
            try {
                media.writeClip(audio, 0, 0, audio.numSamples(), wav, ClipFormat.WAV, List.of());
            } finally {
                audio.delete();
            }
        }
        return new Context(wav, s.row().start(), s.row().start() + seconds(wav));
    }

    private Path file(ReviewSegment s) {
        // named by its bounds too, so a rebuilt corpus with other cuts never gets stale context
        return cache.resolve(s.corpus().isEmpty() ? "_" : s.corpus())
                .resolve(String.format(java.util.Locale.ROOT, "%s.%d-%d.wav", s.id(), Math.round(s.row().start() * 1000),
                        Math.round(s.row().end() * 1000)));
    }

    private static double seconds(Path wav) {
        try {
            AudioFileFormat f = AudioSystem.getAudioFileFormat(wav.toFile());
            return f.getFrameLength() / (double) f.getFormat().getFrameRate();
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new UncheckedIOException(new IOException("reading " + wav + ": " + e.getMessage(), e));
        }
    }
}
