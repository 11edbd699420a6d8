package org.samtal.synth;

import org.samtal.media.Media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech from espeak-ng, the synthesiser samtal uses for languages without an ASR model and for test speech with
 * exact ground truth. Runs the {@code espeak-ng} program (Debian package {@code espeak-ng}).
 */
public final class Espeak {
    private final String program;
    private final Media media;
    private final Path workDir;
    private final long baseSeconds;
    private final long baseBytes;

    /**
     * @param media   decodes espeak-ng's output to the rate asked for
     * @param workDir folder for temporary files
     */
    public Espeak(Media media, Path workDir) {
        this("espeak-ng", media, workDir);
    }

    Espeak(String program, Media media, Path workDir) {
        this(program, media, workDir, 120, 44_100L * 30);
    }

    /**
     * With another program in espeak-ng's place (one that takes its options) and other bounds, for tests.
     *
     * @param baseSeconds time any synthesis may take (more is allowed for long texts)
     * @param baseBytes   audio any synthesis may write (more is allowed for long texts)
     */
    Espeak(String program, Media media, Path workDir, long baseSeconds, long baseBytes) {
        this.program = program;
        this.media = media;
        this.workDir = workDir;
        this.baseSeconds = baseSeconds;
        this.baseBytes = baseBytes;
    }

    /** Whether espeak-ng can be run here. */
    public boolean available() {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The espeak-ng voice for a language tag: the regional voice when there is one ({@code en-us}), else the
     * language's ({@code is} for {@code is-IS}); {@code null} when espeak-ng is missing or has no such voice.
     */
    public String voiceFor(String languageTag) {
        String lang = languageTag.toLowerCase(java.util.Locale.ROOT);
        String primary = lang.split("-")[0];
        try {
            Process p = new ProcessBuilder(program, "--voices=" + primary).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            java.util.Set<String> langs = new java.util.HashSet<>();
            out.lines().skip(1).map(l -> l.trim().split("\\s+")).filter(c -> c.length > 1).forEach(c -> langs.add(c[1]));
            if (langs.contains(lang)) return lang;
            return langs.contains(primary) ? primary : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The espeak-ng voices worth trying for a language tag, the default ({@link #voiceFor}) first: a tag with a
     * region espeak-ng knows ({@code en-us}) names one voice; a bare language ({@code en}, {@code pt}, {@code es})
     * also gets its regional voices ({@code en-us}, {@code en-029}; {@code pt-br}; {@code es-419}), because a
     * Brazilian or American speaker matched against the European voice loses most of the match. espeak-ng's own
     * voices only (MBROLA voices need another program), and no private-use variants ({@code en-gb-x-rp}).
     */
    public java.util.List<String> voicesFor(String languageTag) {
        String first = voiceFor(languageTag);
        if (first == null) return java.util.List.of();
        String lang = languageTag.toLowerCase(java.util.Locale.ROOT);
        java.util.List<String> out = new ArrayList<>(java.util.List.of(first));
        if (lang.contains("-")) return out;
        try {
            Process p = new ProcessBuilder(program, "--voices=" + lang).redirectErrorStream(true).start();
            String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            for (String line : listing.lines().skip(1).toList()) {
                String[] c = line.trim().split("\\s+");
                if (c.length < 5 || c[4].startsWith("mb/")) continue;
                String tag = c[1];
                boolean regional = tag.matches(java.util.regex.Pattern.quote(lang) + "-([a-z]{2}|[0-9]{3})");
                // the default voice may go by the language's name or by its home region's (en is en-gb)
                if (regional && !out.contains(tag) && !c[4].equals(defaultFile(listing, first))) out.add(tag);
            }
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** The voice file a voice name resolves to in a {@code --voices} listing (its highest-priority entry). */
    private static String defaultFile(String listing, String voice) {
        return listing.lines().skip(1).map(l -> l.trim().split("\\s+"))
                .filter(c -> c.length >= 5 && !c[4].startsWith("mb/"))
                .filter(c -> c[1].equals(voice) || line(c).contains("(" + voice + " "))
                .map(c -> c[4]).findFirst().orElse("");
    }

    private static String line(String[] columns) {
        return String.join(" ", columns);
    }

    /** The sample rate espeak-ng's own voices speak at: asked for, their audio is taken as it is. */
    public static final int OWN_RATE = 22_050;
    /** Samples at or below this magnitude count as espeak-ng's digital silence. */
    private static final int SILENT = 2;
    /** Units go to espeak-ng in chunks of this many: one process per chunk instead of one per sentence. */
    private static final int CHUNK = 100;
    /** The break put between units; espeak-ng's own pauses are far shorter, so breaks are found by length. */
    private static final int BREAK_MS = 1200;
    /** Break between single words (see {@link #speakWords}). */
    private static final int WORD_BREAK_MS = 400;

    /**
     * Speaks each text unit and puts them one after another with {@code gapSeconds} of silence between, recording
     * where every unit's speech is. Units are spoken in chunks, separated by SSML breaks that are found again in the
     * audio; a chunk whose breaks cannot all be found is spoken unit by unit instead.
     */
    public SyntheticSpeech speakUnits(java.util.List<String> texts, String voice, int wpm, int sampleRate, double gapSeconds) {
        return speakUnits(texts, voice, wpm, sampleRate, gapSeconds, BREAK_MS);
    }

    /**
     * Single words, spoken each on its own: a word holds no silence as long as a sentence's commas do, so shorter
     * breaks find them again, and the silence espeak-ng writes between them costs a quarter of the time.
     */
    public SyntheticSpeech speakWords(java.util.List<String> words, String voice, int wpm, int sampleRate) {
        return speakUnits(words, voice, wpm, sampleRate, 0, WORD_BREAK_MS);
    }

    private SyntheticSpeech speakUnits(java.util.List<String> texts, String voice, int wpm, int sampleRate,
                                       double gapSeconds, int breakMs) {
        int gap = (int) Math.round(gapSeconds * sampleRate);
        java.util.List<short[]> pieces = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += CHUNK) {
            java.util.List<String> chunk = texts.subList(from, Math.min(texts.size(), from + CHUNK));
            java.util.List<short[]> split = splitAtBreaks(speakSsml(chunk, voice, wpm, sampleRate, breakMs), chunk.size(),
                    sampleRate, breakMs);
            if (split == null) {
                split = new ArrayList<>();
                for (String t : chunk) split.add(trimSilence(speak(t, voice, wpm, 50, sampleRate)));
            }
            pieces.addAll(split);
        }
        long total = gap;
        for (short[] p : pieces) total += p.length + gap;
        short[] pcm = new short[Math.toIntExact(total)];
        double[] start = new double[pieces.size()];
        double[] end = new double[pieces.size()];
        int pos = gap;
        for (int k = 0; k < pieces.size(); k++) {
            short[] p = pieces.get(k);
            System.arraycopy(p, 0, pcm, pos, p.length);
            start[k] = (double) pos / sampleRate;
            end[k] = (double) (pos + p.length) / sampleRate;
            pos += p.length + gap;
        }
        return new SyntheticSpeech(pcm, sampleRate, start, end);
    }

    private short[] speakSsml(java.util.List<String> texts, String voice, int wpm, int sampleRate, int breakMs) {
        StringBuilder ssml = new StringBuilder("<speak>");
        for (String t : texts) {
            ssml.append(t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("<break time=\"").append(breakMs).append("ms\"/>");
        }
        ssml.append("</speak>");
        return run(ssml.toString(), java.util.List.of("-m"), voice, wpm, 50, sampleRate);
    }

    /** Cuts chunk audio at its long silences; {@code null} when their number does not match the units. */
    static java.util.List<short[]> splitAtBreaks(short[] pcm, int units, int sampleRate) {
        return splitAtBreaks(pcm, units, sampleRate, BREAK_MS);
    }

    static java.util.List<short[]> splitAtBreaks(short[] pcm, int units, int sampleRate, int breakMs) {
        int minRun = (int) (breakMs / 1000.0 * 0.75 * sampleRate);
        java.util.List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < pcm.length) {
            if (Math.abs(pcm[i]) > SILENT) {
                i++;
                continue;
            }
            int j = i;
            while (j < pcm.length && Math.abs(pcm[j]) <= SILENT) j++;
            if (j - i >= minRun && j < pcm.length) runs.add(new int[]{i, j});
            i = j;
        }
        if (runs.size() != units - 1) return null;
        java.util.List<short[]> out = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < units; k++) {
            int to = k < runs.size() ? runs.get(k)[0] : pcm.length;
            short[] piece = trimSilence(java.util.Arrays.copyOfRange(pcm, from, to));
            if (piece.length == 0) return null;
            out.add(piece);
            if (k < runs.size()) from = runs.get(k)[1];
        }
        return out;
    }

    /** Drops leading and trailing near-silence. */
    static short[] trimSilence(short[] pcm) {
        int a = 0;
        int b = pcm.length;
        while (a < b && Math.abs(pcm[a]) < 64) a++;
        while (b > a && Math.abs(pcm[b - 1]) < 64) b--;
        return java.util.Arrays.copyOfRange(pcm, a, b);
    }

    /**
     * Speaks {@code text} and returns mono 16-bit samples at {@code sampleRate}.
     *
     * @param voice espeak-ng voice, e.g. {@code is}, {@code is+f3}, {@code en-us+m2}
     * @param wpm   speed in words per minute (espeak-ng's default is 175)
     * @param pitch 0 to 99 (default 50)
     */
    public short[] speak(String text, String voice, int wpm, int pitch, int sampleRate) {
        return run(text, List.of(), voice, wpm, pitch, sampleRate);
    }

    /**
     * Bytes of audio espeak-ng may write for a text of this many characters: its output (22,050 Hz, 16-bit mono)
     * for a second of speech per 2 characters, and 30 s more; real speech runs at 10 to 20 characters a second, so
     * only a runaway synthesis reaches it.
     */
    private long maxWavBytes(int characters) {
        return baseBytes + 44_100L * (characters / 2);
    }

    /** Seconds espeak-ng may take for a text of this many characters (it speaks far faster than real time). */
    private long timeoutSeconds(int characters) {
        return baseSeconds + characters / 200;
    }

    private short[] run(String text, List<String> flags, String voice, int wpm, int pitch, int sampleRate) {
        Path input = null;
        Path log = null;
        try {
            Files.createDirectories(workDir);
            input = Files.createTempFile(workDir, "espeak-", ".txt");
            log = Files.createTempFile(workDir, "espeak-", ".log");
            Files.writeString(input, text, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(program, "-v", voice, "-s", Integer.toString(wpm),
                    "-p", Integer.toString(pitch), "--stdout", "-f", input.toString()));
            cmd.addAll(1, flags);
            // the audio comes through a pipe and stays in memory: written to a file it reached the disk, most of what
            // a build wrote (30 MB a 5-minute recording, for a corpus of 5); the text comes from a file and the
            // messages go to one, so the audio is the only pipe to read and nothing can block the watch below
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            p.getOutputStream().close();
            Audio audio = new Audio(p.getInputStream(), maxWavBytes(text.length()));
            String stopped = watch(p, audio, timeoutSeconds(text.length()), maxWavBytes(text.length()), text.length());
            String messages = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (stopped != null) throw new IllegalStateException(stopped);
            byte[] bytes = audio.bytes();
            if (p.exitValue() != 0 || bytes.length <= 44) {
                throw new IllegalStateException("espeak-ng failed for voice " + voice + ": " + messages);
            }
            // through a pipe espeak-ng cannot go back to write the lengths in the header: they are written here
            withLengths(bytes);
            short[] own = samplesOf(bytes, sampleRate);
            if (own != null) return own;
            // at another rate FFmpeg resamples it, in memory too
            return media.decodeInMemory(bytes, "espeak-ng's audio for voice " + voice, sampleRate);
        } catch (IOException e) {
            throw new IllegalStateException(program + " could not be run (" + e.getMessage()
                    + "); install it with: sudo apt-get install espeak-ng", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            for (Path f : new Path[]{input, log}) {
                if (f == null) continue;
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }

    /** espeak-ng's audio read from its pipe as it comes, on a thread of its own, up to a bound. */
    private static final class Audio {
        private final Thread reader;
        private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        private volatile byte[] bytes = new byte[1 << 16];
        private volatile IOException failed;

        Audio(java.io.InputStream in, long maxBytes) {
            reader = new Thread(() -> {
                try (in) {
                    byte[] b = bytes;
                    int n = 0;
                    for (int got; (got = in.read(b, n, b.length - n)) >= 0; ) {
                        n += got;
                        read.set(n);
                        // past the bound the watch stops the program: reading on would only hold more
                        if (n > maxBytes) break;
                        if (n == b.length) b = java.util.Arrays.copyOf(b, (int) Math.min(Integer.MAX_VALUE - 8, 2L * b.length));
                    }
                    bytes = java.util.Arrays.copyOf(b, n);
                } catch (IOException e) {
                    failed = e;
                }
            }, "espeak-ng-audio");
            reader.setDaemon(true);
            reader.start();
        }

        long read() {
            return read.get();
        }

        /** Whether the pipe was closed (all read) within {@code millis}. */
        boolean closedWithin(long millis) throws InterruptedException {
            reader.join(millis);
            return !reader.isAlive();
        }

        /** Waits until the pipe is closed and returns all it carried. */
        byte[] bytes() throws InterruptedException, IOException {
            reader.join();
            if (failed != null) throw failed;
            return bytes;
        }
    }

    /** Writes the RIFF and data chunk lengths of a WAV held whole in {@code wav} (a pipe's output leaves them open). */
    static void withLengths(byte[] wav) {
        if (wav.length < 12 || wav[0] != 'R' || wav[1] != 'I' || wav[2] != 'F' || wav[3] != 'F') return;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, wav.length - 8);
        for (int at = 12; at + 8 <= wav.length; ) {
            int size = b.getInt(at + 4);
            if (wav[at] == 'd' && wav[at + 1] == 'a' && wav[at + 2] == 't' && wav[at + 3] == 'a') {
                b.putInt(at + 4, wav.length - at - 8);
                return;
            }
            if (size < 0) return;
            at += 8 + size + (size & 1);
        }
    }

    /**
     * The samples of espeak-ng's WAV file when it is already 16-bit mono at {@code sampleRate} (as at
     * {@link #OWN_RATE}): read as they are, without a decoder's start-up; else {@code null}.
     */
    static short[] samplesAt(Path wav, int sampleRate) throws IOException {
        return samplesOf(Files.readAllBytes(wav), sampleRate);
    }

    /** As {@link #samplesAt}, of a WAV held whole in memory. */
    static short[] samplesOf(byte[] wav, int sampleRate) throws IOException {
        try (javax.sound.sampled.AudioInputStream in = javax.sound.sampled.AudioSystem.getAudioInputStream(
                new java.io.ByteArrayInputStream(wav))) {
            javax.sound.sampled.AudioFormat f = in.getFormat();
            if (f.getEncoding() != javax.sound.sampled.AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16
                    || f.getChannels() != 1 || f.isBigEndian() || Math.round(f.getSampleRate()) != sampleRate) {
                return null;
            }
            // the bytes left after the header are the samples (no copy of them but the one into shorts)
            int available = in.available();
            short[] out = new short[available / 2];
            byte[] pcm = in.readNBytes(available);
            java.nio.ByteBuffer.wrap(pcm, 0, out.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            return null;
        }
    }

    /**
     * Waits for espeak-ng, stopping it (and whatever it started) when it runs past {@code timeoutSeconds} or its
     * audio grows past {@code maxBytes}.
     *
     * @return why it was stopped, or {@code null} when it finished
     */
    private String watch(Process p, Audio audio, long timeoutSeconds, long maxBytes, int characters)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            boolean finished = false;
            while (!finished) {
                finished = p.waitFor(100, TimeUnit.MILLISECONDS);
                // also once it has ended: the reader stops at the bound, and the closed pipe may be what ended it
                long size = audio.read();
                if (size > maxBytes) {
                    kill(p);
                    return String.format(java.util.Locale.ROOT, "espeak-ng wrote %.1f MB of audio for %d characters "
                            + "(more than %.1f MB, far longer than that text can be spoken) and was stopped",
                            size / 1e6, characters, maxBytes / 1e6);
                }
                if (!finished && System.nanoTime() > deadline) {
                    kill(p);
                    return String.format(java.util.Locale.ROOT, "espeak-ng did not finish speaking %d characters within "
                            + "%d s and was stopped", characters, timeoutSeconds);
                }
            }
            // a process it started may still hold the pipe open: the audio is complete when the pipe is closed
            if (!audio.closedWithin(Math.max(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                return "espeak-ng ended but its audio did not (a process it started kept writing)";
            }
            return null;
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
    }

    /** Kills a process and its descendants (listed first: once the parent is gone they are no longer its). */
    private static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        for (ProcessHandle c : children) c.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
