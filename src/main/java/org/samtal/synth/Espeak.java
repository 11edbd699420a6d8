package org.samtal.synth;

import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
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

    /**
     * @param media   decodes espeak-ng's output to the rate asked for
     * @param workDir folder for temporary files
     */
    public Espeak(Media media, Path workDir) {
        this("espeak-ng", media, workDir);
    }

    Espeak(String program, Media media, Path workDir) {
        this.program = program;
        this.media = media;
        this.workDir = workDir;
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

    /** Whether espeak-ng has a voice for this language tag (e.g. {@code is}, {@code en-US}). */
    public boolean hasVoice(String languageTag) {
        String lang = languageTag.toLowerCase(java.util.Locale.ROOT);
        try {
            Process p = new ProcessBuilder(program, "--voices=" + lang).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String primary = lang.split("-")[0];
            return out.lines().skip(1).map(l -> l.trim().split("\\s+"))
                    .anyMatch(cols -> cols.length > 1 && (cols[1].equals(lang) || cols[1].equals(primary)));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Speaks {@code text} and returns mono 16-bit samples at {@code sampleRate}.
     *
     * @param voice espeak-ng voice, e.g. {@code is}, {@code is+f3}, {@code en-us+m2}
     * @param wpm   speed in words per minute (espeak-ng's default is 175)
     * @param pitch 0 to 99 (default 50)
     */
    public short[] speak(String text, String voice, int wpm, int pitch, int sampleRate) {
        Path wav = null;
        try {
            Files.createDirectories(workDir);
            wav = Files.createTempFile(workDir, "espeak-", ".wav");
            List<String> cmd = new ArrayList<>(List.of(program, "-v", voice, "-s", Integer.toString(wpm),
                    "-p", Integer.toString(pitch), "-w", wav.toString(), "--stdin"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || Files.size(wav) <= 44) {
                throw new IllegalStateException("espeak-ng failed for voice " + voice + ": " + log.strip());
            }
            DecodedAudio audio = media.decode(wav, new DecodeOptions(sampleRate, 0, true), workDir, null);
            try {
                return audio.read(0, 0, audio.numSamples());
            } finally {
                audio.delete();
            }
        } catch (IOException e) {
            throw new IllegalStateException(program + " could not be run (" + e.getMessage()
                    + "); install it with: sudo apt-get install espeak-ng", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }
}
