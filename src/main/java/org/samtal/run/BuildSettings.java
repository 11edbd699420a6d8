package org.samtal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.samtal.align.ModelCatalog;
import org.samtal.align.SegmentFilter;
import org.samtal.align.SegmentationPolicy;
import org.samtal.media.ClipFormat;
import org.samtal.speech.DetectorSettings;
import org.samtal.text.TextSettings;
import org.samtal.util.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything that shapes a build's output. Two builds with equal settings (apart from where they write) produce
 * the same corpus from the same inputs; {@link #configHash()} names that.
 *
 * @param language     BCP 47 tag of the recordings
 * @param aligner      {@code auto} or an engine name
 * @param clipFormat   format of the clips
 * @param audioStream  which audio stream of each file, counted from 0
 * @param detector     speech detection settings
 * @param segmentation segmentation policy
 * @param filter       acceptance filters
 * @param modelsFolder folder of the model catalog ({@code models/})
 * @param model        a Vosk model folder to use whatever the catalog says, or {@code null}
 * @param text         how transcripts are read and made into training text
 * @param personalData what to do with segments holding personal data: drop, redact, redact_text or flag
 * @param duplicates   copies of recordings already in the corpus: skip (left out), report (kept, noted) or keep
 * @param channels     a recording of several channels: {@code auto} (one speaker per channel when detected),
 *                     {@code split} or {@code mix} (see {@link SpeakerChannels})
 */
public record BuildSettings(String language, String aligner, ClipFormat clipFormat, int audioStream,
                            DetectorSettings detector, SegmentationPolicy segmentation, SegmentFilter filter,
                            String modelsFolder, String model, TextSettings text, String personalData,
                            String duplicates, String channels) {

    /** Settings with channels taken as {@code auto}. */
    public BuildSettings(String language, String aligner, ClipFormat clipFormat, int audioStream, DetectorSettings detector,
                         SegmentationPolicy segmentation, SegmentFilter filter, String modelsFolder, String model,
                         TextSettings text, String personalData, String duplicates) {
        this(language, aligner, clipFormat, audioStream, detector, segmentation, filter, modelsFolder, model, text,
                personalData, duplicates, "auto");
    }

    public BuildSettings {
        if (channels == null) channels = "auto";
        if (!SpeakerChannels.MODES.contains(channels)) {
            throw new IllegalArgumentException("--channels must be one of " + SpeakerChannels.MODES + ", not '" + channels + "'");
        }
    }

    public BuildSettings withChannels(String mode) {
        return new BuildSettings(language, aligner, clipFormat, audioStream, detector, segmentation, filter, modelsFolder,
                model, text, personalData, duplicates, mode);
    }

    public static BuildSettings defaults(String language) {
        return new BuildSettings(language, "auto", ClipFormat.FLAC, 0, DetectorSettings.defaults(),
                SegmentationPolicy.defaults(), SegmentFilter.defaults(), "models", null, TextSettings.defaults(), "drop",
                "skip");
    }

    public BuildSettings withAligner(String name) {
        return new BuildSettings(language, name, clipFormat, audioStream, detector, segmentation, filter, modelsFolder,
                model, text, personalData, duplicates, channels);
    }

    public BuildSettings withDuplicates(String policy) {
        return new BuildSettings(language, aligner, clipFormat, audioStream, detector, segmentation, filter, modelsFolder,
                model, text, personalData, policy, channels);
    }

    public BuildSettings withModels(String folder, String modelDir) {
        return new BuildSettings(language, aligner, clipFormat, audioStream, detector, segmentation, filter, folder,
                modelDir, text, personalData, duplicates, channels);
    }

    /**
     * SHA-256 (first 16 hex digits) of the settings that change a recording's output: recordings built with other
     * settings are rebuilt. Where this machine keeps the models (moving the checkout) and the duplicates policy (it
     * decides which recordings are built, not what they become) are left out; which models are installed, and the
     * name of a model given with --model, are in.
     */
    public String configHash() {
        try {
            ObjectNode shaping = Json.mapper().valueToTree(this);
            shaping.remove(List.of("modelsFolder", "duplicates"));
            // the default leaves the hash of corpora built before the option as it was
            if (channels.equals("auto")) shaping.remove("channels");
            if (model != null) shaping.put("model", String.valueOf(Path.of(model).getFileName()));
            shaping.set("installedModels", Json.mapper().valueToTree(ModelCatalog.read(Path.of(modelsFolder)).installed()));
            byte[] json = Json.mapper().writeValueAsBytes(shaping);
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJson() {
        try {
            return new String(Json.mapper().writeValueAsBytes(this), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
