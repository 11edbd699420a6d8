package org.samtal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.util.Json;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.samtal.media.AudioStreamInfo;
import org.samtal.media.Media;
import org.samtal.media.MediaException;
import org.samtal.media.MediaInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "probe", mixinStandardHelpOptions = true, description = "Show a media file's container, duration, audio streams and video presence.")
final class ProbeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "media files")
    List<Path> files;

    @Option(names = "--json", description = "print JSON (one object per file, as a JSON array)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Media media = new Media();
        int rc = 0;
        ObjectMapper om = Json.mapper().enable(SerializationFeature.INDENT_OUTPUT);
        List<Object> out = new java.util.ArrayList<>();
        for (Path f : files) {
            try {
                MediaInfo info = media.probe(f);
                if (json) {
                    out.add(info);
                } else {
                    System.out.printf("%s%n  container: %s%n  duration:  %s%n  video:     %s%n", f, info.container(),
                            Double.isNaN(info.duration()) ? "unknown" : String.format("%.3f s", info.duration()),
                            info.hasVideo() ? "yes" : "no");
                    if (info.audioStreams().isEmpty()) System.out.println("  audio:     none");
                    for (AudioStreamInfo a : info.audioStreams()) {
                        System.out.printf("  audio %d:   %s, %d Hz, %d channel%s%s (stream #%d)%n", a.ordinal(), a.codec(),
                                a.sampleRate(), a.channels(), a.channels() == 1 ? "" : "s",
                                a.language() == null || a.language().equals("und") ? "" : ", language " + a.language(), a.streamIndex());
                    }
                }
            } catch (MediaException e) {
                System.err.println("samtal: " + e.getMessage());
                rc = 1;
            }
        }
        if (json) {
            System.out.println(om.writeValueAsString(out.size() == 1 && files.size() == 1 ? out.get(0) : out));
        }
        return rc;
    }
}
