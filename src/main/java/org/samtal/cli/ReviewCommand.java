package org.samtal.cli;

import org.samtal.media.Media;
import org.samtal.review.ReviewCorpus;
import org.samtal.review.ReviewServer;
import org.samtal.review.ReviewStats;
import org.samtal.review.ReviewStore;
import org.samtal.review.Sample;
import org.samtal.review.Sampler;
import org.samtal.review.Validator;
import org.samtal.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "review", mixinStandardHelpOptions = true, description = {
        "Serve the validators' review page for a built corpus (or a build folder with open/ and private/ corpora).",
        "Validators sign in with a token from --add-validator; decisions are kept in CORPUS/.samtal/review.sqlite and",
        "applied by the next export or build (rejected segments left out, corrected text and boundaries used)."})
final class ReviewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORPUS", description = "corpus folder (holding manifest.jsonl), or a build folder holding track corpora")
    Path folder;

    @Option(names = "--port", defaultValue = "8080", description = "port to serve on (default: ${DEFAULT-VALUE}; 0 for any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE}, this machine "
            + "only; 0.0.0.0 to serve the network)")
    String host;

    @Option(names = "--add-validator", paramLabel = "NAME", description = "add a validator (or give one a new token), print the "
            + "sign-in token and exit")
    String addValidator;

    @Option(names = "--track", paramLabel = "TRACK", description = "with --add-validator: grant a track besides open and undeclared "
            + "(private); repeatable")
    List<String> tracks = List.of();

    @Option(names = "--partner", paramLabel = "ID", description = "with --add-validator --track private: only these partners' private "
            + "segments; repeatable")
    List<String> partners = List.of();

    @Option(names = "--summary", description = "print the review's figures (sample, estimated error rate, agreement) and exit")
    boolean summary;

    @Option(names = "--margin", defaultValue = "0.05", description = "margin of error the sample is sized for (default: ${DEFAULT-VALUE})")
    double margin;

    @Option(names = "--confidence", defaultValue = "0.95", description = "confidence level: 0.90, 0.95 or 0.99 (default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--bands", defaultValue = "5", description = "score bands to stratify by (default: ${DEFAULT-VALUE})")
    int bands;

    @Option(names = "--overlap", defaultValue = "0.1", description = "share of the sample judged by two validators, for agreement "
            + "(default: ${DEFAULT-VALUE})")
    double overlap;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of the sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--resample", description = "draw a new sample (decisions already made are kept)")
    boolean resample;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReviewCorpus corpus;
        Sampler.Settings sampling;
        try {
            corpus = ReviewCorpus.load(folder);
            sampling = new Sampler.Settings(margin, confidence, bands, overlap, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (ReviewStore store = ReviewStore.open(corpus.reviewRoot())) {
            if (addValidator != null) return add(store);
            Sample sample = store.sample().filter(s -> !resample).orElse(null);
            if (sample == null) {
                sample = new Sampler().draw(corpus.segments(), sampling);
                store.saveSample(sample);
                System.err.printf(Locale.ROOT, "samtal review: drew a sample of %d of %d segments (±%.0f%% at %.0f%% confidence, %d score band%s)%n",
                        sample.items().size(), sample.population(), 100 * margin, 100 * confidence, sample.strata().size(),
                        sample.strata().size() == 1 ? "" : "s");
            }
            long missing = sample.items().stream().filter(i -> corpus.segment(i.corpus(), i.segmentId()).isEmpty()).count();
            if (missing > 0) {
                System.err.printf("samtal review: %d sampled segments are no longer in the corpus (it was rebuilt); "
                        + "--resample draws a new sample%n", missing);
            }
            if (summary) {
                // over the corpora reviewed here: a track's corpus shares its build folder's sample with the other track
                printSummary(ReviewStats.visibleTo(sample, store.decisions(), corpus.segments(), r -> true));
                return 0;
            }
            if (store.validators().isEmpty()) {
                System.err.println("samtal review: no validators yet; add one with: samtal review " + folder + " --add-validator NAME");
            }
            try (ReviewServer server = new ReviewServer(corpus, store, sample, new Media())) {
                int actual = server.start(host, port);
                String shown = host.equals("0.0.0.0") ? "localhost" : host;
                System.out.printf("samtal review: serving %s (%d segments in the sample) at http://%s:%d/%n", folder,
                        sample.items().size(), shown, actual);
                System.out.println("Validators sign in with their token. Decisions are saved at once in " + store.file()
                        + "; stop with Ctrl-C.");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    stop.countDown();
                }));
                stop.await();
            }
        }
        return 0;
    }

    private int add(ReviewStore store) {
        Set<String> granted = new LinkedHashSet<>(List.of("open", "undeclared"));
        for (String t : tracks) {
            if (!Validator.TRACKS.contains(t)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--track must be open, private or undeclared, not '" + t + "'");
            }
            granted.add(t);
        }
        if (!partners.isEmpty() && !granted.contains("private")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partner limits private segments; give --track private with it");
        }
        if (!addValidator.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "validator name '" + addValidator
                    + "' must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        String token = store.addValidator(new Validator(addValidator, granted, new LinkedHashSet<>(partners)));
        System.err.printf("samtal review: validator %s may see tracks %s%s; their sign-in token (shown once, keep it secret):%n",
                addValidator, granted, partners.isEmpty() ? "" : " (private: partners " + partners + " only)");
        System.out.println(token);
        return 0;
    }

    private static void printSummary(ReviewStats s) throws Exception {
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(s));
    }
}
