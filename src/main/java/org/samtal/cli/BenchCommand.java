package org.samtal.cli;

import org.samtal.bench.HeapSampler;
import org.samtal.media.AudioEncoder;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.EncoderSettings;
import org.samtal.media.Media;
import org.samtal.speech.DetectorSettings;
import org.samtal.speech.SpeechDetector;
import org.samtal.speech.SpeechMap;
import org.samtal.synth.ConversationScript;
import org.samtal.synth.ConversationSynth;
import org.samtal.synth.Espeak;
import org.samtal.synth.SyntheticConversation;
import org.samtal.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", description = {"Measure decoding and speech detection on a generated long recording: wall "
        + "time, real-time factor, peak heap and peak RSS. Run it with a small heap (JAVA_OPTS=-Xmx256m) to prove the bound."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--hours", defaultValue = "1", description = "length of the generated recording (default: ${DEFAULT-VALUE})")
    double hours;

    @Option(names = "--format", defaultValue = "mp3", description = "format of the generated recording (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--work", defaultValue = "target/bench", description = "folder for the generated files (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--json", description = "print the figures as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Media media = new Media();
        Files.createDirectories(work);
        Path input = work.resolve(String.format("bench-%sh.%s", fmt(hours), format));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("input", input.toString());
        figures.put("hours", hours);
        figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1 << 20));
        if (!Files.isRegularFile(input)) {
            long t0 = System.nanoTime();
            generate(media, input);
            figures.put("generate_seconds", (System.nanoTime() - t0) / 1e9);
        }
        double audioSeconds = hours * 3600;
        System.gc();
        DecodedAudio audio;
        try (HeapSampler heap = new HeapSampler()) {
            long t0 = System.nanoTime();
            audio = media.decode(input, DecodeOptions.speechMono(), work.resolve("pcm"), null);
            double s = (System.nanoTime() - t0) / 1e9;
            stage(figures, "decode", s, audioSeconds, heap);
        }
        try (HeapSampler heap = new HeapSampler()) {
            long t0 = System.nanoTime();
            SpeechMap map = new SpeechDetector(DetectorSettings.defaults()).detect(audio, 0);
            double s = (System.nanoTime() - t0) / 1e9;
            stage(figures, "speech_detection", s, audioSeconds, heap);
            figures.put("speech_regions", map.regions().size());
        } finally {
            audio.delete();
        }
        figures.put("decoded_seconds", audio.duration());
        figures.put("peak_rss_mb", HeapSampler.peakRssBytes() / (1 << 20));
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        } else {
            figures.forEach((k, v) -> System.out.printf("%-28s %s%n", k, v instanceof Double d ? String.format("%.2f", d) : v));
        }
        return 0;
    }

    private static void stage(Map<String, Object> figures, String name, double seconds, double audioSeconds, HeapSampler heap) {
        figures.put(name + "_seconds", seconds);
        figures.put(name + "_x_real_time", audioSeconds / seconds);
        figures.put(name + "_peak_heap_mb", heap.peakUsedBytes() / (double) (1 << 20));
    }

    /** Writes the Icelandic interview, repeated with the encoder streaming, until the target length. */
    private void generate(Media media, Path out) {
        Espeak espeak = new Espeak(media, work.resolve(".work"));
        ConversationScript script = ConversationScript.icelandicInterview();
        SyntheticConversation c = new ConversationSynth(espeak)
                .synthesize(script, ConversationSynth.defaultVoices(script, "is"), ConversationSynth.Settings.defaults("is"));
        short[] block = c.channels()[0];
        long target = Math.round(hours * 3600 * c.sampleRate());
        System.err.printf("bench: generating %.1f h of %s in %s ...%n", hours, format, out);
        try (AudioEncoder enc = media.openEncoder(out, EncoderSettings.forExtension(format, c.sampleRate(), 1))) {
            long written = 0;
            while (written < target) {
                int n = (int) Math.min(block.length, target - written);
                enc.write(block, n);
                written += n;
            }
        }
    }

    private static String fmt(double h) {
        return h == Math.rint(h) ? Long.toString((long) h) : Double.toString(h);
    }
}
