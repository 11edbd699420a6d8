package org.samtal.align;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.samtal.text.LanguageTags;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model catalog ({@code models/catalog.json}): which ASR model serves which language, where it is installed
 * and where it comes from. Models are never downloaded at run time; the catalog says how to install them.
 */
public final class ModelCatalog {
    /**
     * One model.
     *
     * @param language BCP 47 tag it serves ({@code ko}, {@code is-IS})
     * @param engine   {@code vosk}
     * @param path     its folder, relative to the catalog's folder
     * @param source   where it comes from and how to install it
     * @param licence  its licence
     */
    public record Entry(@JsonProperty("lang") String language, String engine, String path, String source, String licence) {
    }

    /** @param models the entries */
    record File(List<Entry> models) {
    }

    private final Path folder;
    private final List<Entry> entries;

    private ModelCatalog(Path folder, List<Entry> entries) {
        this.folder = folder;
        this.entries = List.copyOf(entries);
    }

    /** Reads {@code catalog.json} in {@code folder}; a missing catalog is an empty one. */
    public static ModelCatalog read(Path folder) {
        Path file = folder.resolve("catalog.json");
        if (!Files.isRegularFile(file)) return new ModelCatalog(folder, List.of());
        try {
            File f = Json.mapper().readValue(file.toFile(), File.class);
            return new ModelCatalog(folder, f.models() == null ? List.of() : f.models());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** The catalog's Vosk entry for a language: the exact tag first, then its primary language. */
    public Optional<Entry> vosk(String languageTag) {
        String tag = languageTag.toLowerCase(Locale.ROOT);
        String primary = LanguageTags.primary(languageTag);
        return entries.stream().filter(e -> "vosk".equals(e.engine()))
                .filter(e -> e.language().toLowerCase(Locale.ROOT).equals(tag)).findFirst()
                .or(() -> entries.stream().filter(e -> "vosk".equals(e.engine()))
                        .filter(e -> e.language().toLowerCase(Locale.ROOT).equals(primary)).findFirst());
    }

    /** The entries whose model is installed (with their catalog paths, not where this machine keeps them). */
    public List<Entry> installed() {
        return entries.stream().filter(e -> "vosk".equals(e.engine()) ? isVoskModel(resolve(e)) : Files.isDirectory(resolve(e))).toList();
    }

    public Path resolve(Entry e) {
        return folder.resolve(e.path());
    }

    /** Whether a folder holds a Vosk (Kaldi) model in the layout Vosk loads. */
    public static boolean isVoskModel(Path dir) {
        return Files.isRegularFile(dir.resolve("am/final.mdl")) && Files.isRegularFile(dir.resolve("conf/model.conf"))
                && (Files.isRegularFile(dir.resolve("graph/HCLG.fst")) || Files.isRegularFile(dir.resolve("graph/HCLr.fst")));
    }
}
