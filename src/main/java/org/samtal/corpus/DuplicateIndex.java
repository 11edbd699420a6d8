package org.samtal.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.util.AtomicFiles;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * What the corpus knows of each recording's content, to find copies among deliveries: the hash of its decoded
 * audio (a lossless re-encoding decodes the same), its fingerprint (a lossy re-encoding or a trimmed copy sounds
 * the same), and the hash of its transcript's words. Kept beside the corpus, one small file per recording. This is
 * the one stage that compares recordings with each other.
 */
public final class DuplicateIndex {
    /**
     * One recording's entry.
     *
     * @param recordingId    its id
     * @param source         the delivered file's name
     * @param audioSha256    SHA-256 of its decoded audio
     * @param transcriptHash SHA-256 of its transcript's words (letters and digits, lower case)
     * @param fingerprint    its audio fingerprint
     */
    public record Entry(@JsonProperty("recording_id") String recordingId, String source,
                        @JsonProperty("audio_sha256") String audioSha256,
                        @JsonProperty("transcript_hash") String transcriptHash, Fingerprint fingerprint) {
    }

    /**
     * @param of   the recording it copies
     * @param kind {@code audio} (same decoded audio), {@code near_audio} (same sound) or {@code transcript}
     */
    public record Duplicate(String of, String kind) {
    }

    private final Path dir;
    private final ObjectMapper json = Json.mapper();

    public DuplicateIndex(Path corpusRoot) {
        this.dir = CorpusStore.at(corpusRoot).indexDir();
    }

    public void put(Entry e) {
        try {
            AtomicFiles.write(dir.resolve(e.recordingId() + ".json"), o -> json.writeValue(o, e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The first of {@code earlier} that {@code e} copies, if any. */
    public Optional<Duplicate> find(Entry e, Collection<String> earlier) {
        for (String id : earlier) {
            if (id.equals(e.recordingId())) continue;
            Path f = dir.resolve(id + ".json");
            if (!Files.isRegularFile(f)) continue;
            Entry other;
            try {
                other = json.readValue(f.toFile(), Entry.class);
            } catch (IOException ex) {
                continue; // an unreadable entry is rebuilt with its recording
            }
            if (other.audioSha256().equals(e.audioSha256())) return Optional.of(new Duplicate(id, "audio"));
            if (e.fingerprint().sameAudioAs(other.fingerprint())) return Optional.of(new Duplicate(id, "near_audio"));
            if (other.transcriptHash().equals(e.transcriptHash())) return Optional.of(new Duplicate(id, "transcript"));
        }
        return Optional.empty();
    }
}
