package org.samtal.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.media.Media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Synthesis is bounded in time and disk (#14 item 9): a synthesiser that hangs is stopped at its timeout with the
 * processes it started, one that writes audio without end is stopped at its limit, and no temporary file stays.
 * Stand-in programs take espeak-ng's place and misbehave on purpose.
 */
class EspeakBoundsTest {
    @TempDir
    Path dir;

    private Path program(String body) throws Exception {
        Path p = dir.resolve("fake-espeak");
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /** Whether the process runs (a zombie waiting to be reaped does not). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) return false;
        String s;
        try {
            s = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        char state = s.substring(s.lastIndexOf(')') + 2).charAt(0);
        return state != 'Z' && state != 'X';
    }

    private static void gone(long pid) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (running(pid) && System.nanoTime() < until) Thread.sleep(50);
        assertThat(running(pid)).as("process %d still runs", pid).isFalse();
    }

    private long[] pids() throws Exception {
        return Files.readAllLines(dir.resolve("pids")).stream().mapToLong(Long::parseLong).toArray();
    }

    private void noTemporaryFiles(Path work) throws Exception {
        try (var s = Files.list(work)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void aHangingSynthesisIsKilledAtItsTimeoutWithTheProcessesItStarted() throws Exception {
        // starts a child that would outlive it, then hangs; both hold espeak-ng's output open
        Path fake = program("sleep 1000 & echo $! > " + dir.resolve("pids") + "; echo $$ >> " + dir.resolve("pids")
                + "; sleep 1000");
        Path work = dir.resolve("work");
        Espeak espeak = new Espeak(fake.toString(), new Media(), work, 2, 44_100L * 30);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> espeak.speak("halló heimur", "is", 175, 50, 16000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not finish speaking 12 characters within 2 s and was stopped");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(15);
        for (long pid : pids()) gone(pid);
        noTemporaryFiles(work);
    }

    @Test
    @Timeout(60)
    void aSynthesisWritingAudioWithoutEndIsStoppedAtItsDiskLimit() throws Exception {
        // writes about 10 MB a second to its output (--stdout), through a child process, for ever
        Path fake = program("echo $$ > " + dir.resolve("pids") + "\n"
                + "(echo $BASHPID >> " + dir.resolve("pids") + "; while true; do head -c 100000 /dev/zero; sleep 0.01; done)");
        Path work = dir.resolve("work");
        Espeak espeak = new Espeak(fake.toString(), new Media(), work, 600, 2_000_000);
        assertThatThrownBy(() -> espeak.speak("halló heimur", "is", 175, 50, 16000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("for 12 characters (more than 2.3 MB, far longer than that text can be spoken) and was stopped");
        for (long pid : pids()) gone(pid);
        noTemporaryFiles(work);
    }

    @Test
    void espeakNgItselfStillSpeaksWithinItsBounds() throws Exception {
        Path work = dir.resolve("work");
        short[] pcm = new Espeak(new Media(), work).speak("Halló, þetta er prófun.", "is", 175, 50, 16000);
        assertThat(pcm.length).isGreaterThan(16000 / 2);
        noTemporaryFiles(work);
    }

    @Test
    void atItsOwnRateEspeakNgsAudioIsTakenAsItIsAndEqualsTheDecodersSamples() throws Exception {
        Path work = dir.resolve("work");
        Media media = new Media();
        Espeak espeak = new Espeak(media, work);
        short[] own = espeak.speak("Halló, þetta er prófun.", "is", 175, 50, Espeak.OWN_RATE);
        // the same text written by espeak-ng and decoded by FFmpeg at the same rate
        Path wav = dir.resolve("own.wav");
        Process p = new ProcessBuilder("espeak-ng", "-v", "is", "-s", "175", "-p", "50", "-w", wav.toString(),
                "Halló, þetta er prófun.").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(Espeak.samplesAt(wav, Espeak.OWN_RATE)).containsExactly(own);
        org.samtal.media.DecodedAudio decoded = media.decode(wav, new org.samtal.media.DecodeOptions(Espeak.OWN_RATE, 0, true),
                dir.resolve("pcm"), null);
        try {
            assertThat(decoded.read(0, 0, decoded.numSamples())).containsExactly(own);
        } finally {
            decoded.delete();
        }
        // at another rate the file is left to the decoder
        assertThat(Espeak.samplesAt(wav, 16_000)).isNull();
        // resampled in memory: the samples FFmpeg gives decoding the file
        short[] resampled = espeak.speak("Halló, þetta er prófun.", "is", 175, 50, 16_000);
        org.samtal.media.DecodedAudio at16k = media.decode(wav, new org.samtal.media.DecodeOptions(16_000, 0, true),
                dir.resolve("pcm16"), null);
        try {
            assertThat(resampled).containsExactly(at16k.read(0, 0, at16k.numSamples()));
        } finally {
            at16k.delete();
        }
        noTemporaryFiles(work);
    }

    /** The audio comes through a pipe: at espeak-ng's own rate no WAV file is written (they reached the disk). */
    @Test
    void atItsOwnRateNoAudioFileIsWritten() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        try (java.nio.file.WatchService watch = work.getFileSystem().newWatchService()) {
            work.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            short[] pcm = new Espeak(new Media(), work).speak("Halló, þetta er prófun.", "is", 175, 50, Espeak.OWN_RATE);
            assertThat(pcm.length).isGreaterThan(Espeak.OWN_RATE / 2);
            java.util.List<String> created = new java.util.ArrayList<>();
            for (java.nio.file.WatchKey k; (k = watch.poll(200, TimeUnit.MILLISECONDS)) != null; k.reset()) {
                for (var e : k.pollEvents()) created.add(e.context().toString());
            }
            assertThat(created).isNotEmpty().noneMatch(n -> n.endsWith(".wav") || n.endsWith(".s16"));
            // nor at another rate: FFmpeg resamples it in memory
            created.clear();
            assertThat(new Espeak(new Media(), work).speak("Halló.", "is", 175, 50, 16_000).length).isGreaterThan(1000);
            for (java.nio.file.WatchKey k; (k = watch.poll(200, TimeUnit.MILLISECONDS)) != null; k.reset()) {
                for (var e : k.pollEvents()) created.add(e.context().toString());
            }
            assertThat(created).isNotEmpty().noneMatch(n -> n.endsWith(".wav") || n.endsWith(".s16"));
        }
        noTemporaryFiles(work);
    }

    @Test
    void aPipedWavGetsItsLengthsWritten() throws Exception {
        // espeak-ng's header through a pipe: lengths left at 0x7ffff024 and 0x7ffff000
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 10).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(0x7ffff024).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(22050).putInt(44100).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(0x7ffff000);
        for (short v = 1; v <= 5; v++) b.putShort(v);
        byte[] wav = b.array();
        Espeak.withLengths(wav);
        assertThat(java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(46);
        assertThat(java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(40)).isEqualTo(10);
        assertThat(Espeak.samplesOf(wav, 22050)).containsExactly((short) 1, (short) 2, (short) 3, (short) 4, (short) 5);
    }
}
