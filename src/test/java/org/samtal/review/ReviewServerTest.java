package org.samtal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.media.Media;
import org.samtal.testing.Cli;
import org.samtal.testing.TwoTracks;

import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The review server's API over HTTP: access control, audio with context, decisions and the figures. */
class ReviewServerTest {
    @TempDir
    static Path dir;
    static ReviewServer server;
    static ReviewStore store;
    static ReviewCorpus corpus;
    static String base;
    static String openOnly;
    static String spitali;
    static String ruvPrivate;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void serve() throws Exception {
        Path built = TwoTracks.build(dir);
        corpus = ReviewCorpus.load(built);
        store = ReviewStore.open(corpus.reviewRoot());
        openOnly = store.addValidator(new Validator("olga", Set.of("open", "undeclared"), Set.of()));
        spitali = store.addValidator(new Validator("sigga", Set.of("open", "private"), Set.of("spitali")));
        ruvPrivate = store.addValidator(new Validator("runa", Set.of("open", "private"), Set.of("ruv")));
        Sample sample = new Sampler().draw(corpus.segments(), Sampler.Settings.defaults());
        store.saveSample(sample);
        server = new ReviewServer(corpus, store, sample, new Media());
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    static HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String q(String corpus, String id) {
        return "corpus=" + URLEncoder.encode(corpus, StandardCharsets.UTF_8) + "&id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    static ReviewSegment first(String track) {
        return corpus.segments().stream().filter(s -> s.corpus().equals(track)).findFirst().orElseThrow();
    }

    @Test
    void theCommandLineRefusesBadArgumentsClearlyAndPrintsTheFigures() throws Exception {
        Path built = corpus.reviewRoot();
        Cli.Run none = Cli.run("review", dir.resolve("opin").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("holds no corpus").contains("samtal build");
        Cli.Run track = Cli.run("review", built.toString(), "--add-validator", "x", "--track", "secret");
        assertThat(track.exit()).isEqualTo(2);
        assertThat(track.err()).contains("--track must be open, private or undeclared");
        Cli.Run partner = Cli.run("review", built.toString(), "--add-validator", "x", "--partner", "ruv");
        assertThat(partner.exit()).isEqualTo(2);
        assertThat(partner.err()).contains("--track private");
        Cli.Run margin = Cli.run("review", built.toString(), "--summary", "--margin", "0.7");
        assertThat(margin.exit()).isEqualTo(2);
        assertThat(margin.err()).contains("--margin");
        Cli.Run summary = Cli.run("review", built.toString(), "--summary");
        assertThat(summary.exit()).as(summary.err()).isZero();
        JsonNode figures = json.readTree(summary.out());
        assertThat(figures.get("sample_size").asInt()).isEqualTo(store.sample().orElseThrow().items().size());
        assertThat(figures.has("overall")).isTrue();
        // snake_case keys, like the manifest, the build report and card.json
        assertThat(keys(figures)).isNotEmpty().allMatch(k -> k.matches("[a-z0-9_]+"));
        // a track's corpus shares its build folder's sample: its figures are its own, bands from its own scores
        Cli.Run open = Cli.run("review", built.resolve("open").toString(), "--summary");
        assertThat(open.exit()).as(open.err()).isZero();
        JsonNode own = json.readTree(open.out());
        List<ReviewSegment> openSegments = corpus.segments().stream().filter(x -> x.corpus().equals("open")).toList();
        assertThat(own.get("overall").get("population").asInt()).isEqualTo(openSegments.size());
        assertThat(own.get("sample_size").asInt()).isEqualTo((int) store.sample().orElseThrow().items().stream()
                .filter(i -> i.corpus().equals("open")).count());
        Set<String> openScores = new java.util.HashSet<>();
        for (ReviewSegment x : openSegments) openScores.add(String.format(java.util.Locale.ROOT, "%.3f", x.row().score()));
        for (JsonNode band : own.get("bands")) assertThat(openScores).contains(band.get("band").asText().split("-"));
    }

    /** Every field name in a JSON tree, nested ones included. */
    static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            out.add(e.getKey());
            out.addAll(keys(e.getValue()));
        });
        for (JsonNode child : node.isArray() ? node : List.<JsonNode>of()) out.addAll(keys(child));
        return out;
    }

    @Test
    void everyRequestWithoutAValidTokenIsRefused() throws Exception {
        ReviewSegment s = first("open");
        for (String path : List.of("/", "/review.js", "/api/me", "/api/queue", "/api/stats", "/api/segment?" + q("open", s.id()),
                "/api/audio?" + q("open", s.id()), "/nowhere")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "not-a-token").statusCode()).as(path).isEqualTo(401);
        }
        // the sign-in form is what the refused page shows
        assertThat(new String(get("/", null).body(), StandardCharsets.UTF_8)).contains("name=\"token\"");
        assertThat(post("/api/decision", "nope", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void audioIsServedOnlyForCorpusSegmentsByIdNeverByPath() throws Exception {
        for (String bad : List.of(q("open", "../../../../etc/passwd"), q("..", "build-report"), q("open/../private", first("private").id()),
                q("open", first("open").row().audioFilepath()), "corpus=&id=", "id=x")) {
            assertThat(get("/api/audio?" + bad, openOnly).statusCode()).as(bad).isEqualTo(404);
        }
    }

    @Test
    void privateSegmentsReachOnlyValidatorsGrantedTheirPartner() throws Exception {
        ReviewSegment priv = first("private");
        assertThat(get("/api/segment?" + q("private", priv.id()), openOnly).statusCode()).isEqualTo(404);
        assertThat(get("/api/audio?" + q("private", priv.id()), openOnly).statusCode()).isEqualTo(404);
        assertThat(get("/api/audio?" + q("private", priv.id()), ruvPrivate).statusCode()).isEqualTo(404);
        assertThat(post("/api/decision", openOnly, "{\"corpus\":\"private\",\"id\":\"" + priv.id() + "\",\"verdict\":\"accept\"}")
                .statusCode()).isEqualTo(404);
        assertThat(get("/api/audio?" + q("private", priv.id()), spitali).statusCode()).isEqualTo(200);
        JsonNode queue = json.readTree(get("/api/queue", openOnly).body());
        assertThat(queue.get("pending").findValuesAsText("corpus")).isNotEmpty().containsOnly("open");
        JsonNode theirs = json.readTree(get("/api/queue", spitali).body());
        assertThat(theirs.get("pending").findValuesAsText("corpus")).contains("open", "private");
    }

    @Test
    void theAudioHoldsTheSegmentWithTwoSecondsOfContext() throws Exception {
        ReviewSegment s = corpus.segments().stream().filter(x -> x.corpus().equals("open") && x.row().start() > 3).findFirst().orElseThrow();
        JsonNode seg = json.readTree(get("/api/segment?" + q("open", s.id()), openOnly).body());
        assertThat(seg.get("text").asText()).isEqualTo(s.row().text());
        assertThat(seg.get("context_from").asDouble()).isCloseTo(s.row().start() - 2, within(0.001));
        HttpResponse<byte[]> audio = get("/api/audio?" + q("open", s.id()), openOnly);
        assertThat(audio.headers().firstValue("Content-Type").orElse("")).startsWith("audio/wav");
        var format = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(audio.body()));
        double seconds = format.getFrameLength() / format.getFormat().getFrameRate();
        assertThat(format.getFormat().getSampleRate()).isEqualTo(16000f);
        assertThat(seconds).isCloseTo(Math.min(seg.get("context_to").asDouble(), s.row().end() + 2) - (s.row().start() - 2), within(0.01));
    }

    @Test
    void decisionsAreCheckedStoredAndCountedWithAgreement() throws Exception {
        // two sampled segments of the open corpus
        List<ReviewSegment> open = new ArrayList<>();
        for (Sample.Item it : store.sample().orElseThrow().items()) {
            if (it.corpus().equals("open")) open.add(corpus.segment("open", it.segmentId()).orElseThrow());
        }
        ReviewSegment a = open.get(open.size() - 1);
        ReviewSegment b = open.get(open.size() - 2);
        String rejectNoReason = "{\"corpus\":\"open\",\"id\":\"" + a.id() + "\",\"verdict\":\"reject\"}";
        HttpResponse<String> refused = post("/api/decision", openOnly, rejectNoReason);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("reason");
        HttpResponse<String> garbled = post("/api/decision", openOnly, "not json");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("not JSON");
        String collapsed = "{\"corpus\":\"open\",\"id\":\"" + a.id() + "\",\"verdict\":\"accept\",\"start\":" + a.row().end() + "}";
        assertThat(post("/api/decision", openOnly, collapsed).statusCode()).isEqualTo(400);

        int before = store.decisions().size();
        assertThat(post("/api/decision", openOnly, "{\"corpus\":\"open\",\"id\":\"" + a.id()
                + "\",\"verdict\":\"reject\",\"reason\":\"cut_too_early\"}").statusCode()).isEqualTo(200);
        assertThat(post("/api/decision", spitali, "{\"corpus\":\"open\",\"id\":\"" + a.id()
                + "\",\"verdict\":\"reject\",\"reason\":\"wrong_text\"}").statusCode()).isEqualTo(200);
        // a 50 ms touch-up is not an error; a text correction is
        assertThat(post("/api/decision", openOnly, "{\"corpus\":\"open\",\"id\":\"" + b.id() + "\",\"verdict\":\"accept\",\"start\":"
                + (b.row().start() + 0.05) + "}").statusCode()).isEqualTo(200);
        assertThat(post("/api/decision", spitali, "{\"corpus\":\"open\",\"id\":\"" + b.id() + "\",\"verdict\":\"accept\",\"text\":\"Annar texti.\"}")
                .statusCode()).isEqualTo(200);
        List<Decision> stored = store.decisions().subList(before, store.decisions().size());
        assertThat(stored).extracting(Decision::bad).containsExactly(true, true, false, true);
        assertThat(stored.get(2).start()).isCloseTo(b.row().start() + 0.05, within(1e-9));
        assertThat(stored.get(3).text()).isEqualTo("Annar texti.");

        JsonNode stats = json.readTree(get("/api/stats", openOnly).body());
        assertThat(stats.get("agreement").get("segments").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("overall").get("judged").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theFiguresCoverOnlyWhatTheValidatorMaySee() throws Exception {
        Sample sample = store.sample().orElseThrow();
        Sample.Item priv = sample.items().stream().filter(i -> i.corpus().equals("private")).findFirst().orElseThrow();
        assertThat(post("/api/decision", spitali, "{\"corpus\":\"private\",\"id\":\"" + priv.segmentId()
                + "\",\"verdict\":\"reject\",\"reason\":\"noise_or_music\"}").statusCode()).isEqualTo(200);
        Validator olga = store.validators().stream().filter(v -> v.name().equals("olga")).findFirst().orElseThrow();
        List<ReviewSegment> seen = corpus.segments().stream().filter(x -> olga.maySee(x.row())).toList();
        assertThat(seen.size()).isLessThan(corpus.segments().size());
        Set<String> openScores = new java.util.HashSet<>();
        for (ReviewSegment x : seen) openScores.add(String.format(java.util.Locale.ROOT, "%.3f", x.row().score()));

        JsonNode stats = json.readTree(get("/api/stats", openOnly).body());
        assertThat(stats.get("overall").get("population").asInt()).isEqualTo(seen.size());
        assertThat(stats.get("sample_size").asInt()).isEqualTo((int) sample.items().stream().filter(i -> !i.corpus().equals("private")).count());
        assertThat(stats.get("decisions").asInt()).isEqualTo((int) store.decisions().stream().filter(d -> !d.corpus().equals("private")).count());
        int population = 0;
        for (JsonNode band : stats.get("bands")) {
            population += band.get("population").asInt();
            // a band's limits are scores of segments this validator may see
            String[] limits = band.get("band").asText().split("-");
            assertThat(openScores).contains(limits[0], limits[1]);
        }
        assertThat(population).isEqualTo(seen.size());
        // so is the band the page shows beside a segment
        Sample.Item openItem = sample.items().stream().filter(i -> i.corpus().equals("open")).findFirst().orElseThrow();
        String band = json.readTree(get("/api/segment?" + q("open", openItem.segmentId()), openOnly).body()).get("band").asText();
        assertThat(openScores).contains(band.split("-"));
        // the private rejection is no part of what olga sees; sigga, granted the private track, sees it
        JsonNode theirs = json.readTree(get("/api/stats", spitali).body());
        assertThat(theirs.get("overall").get("population").asInt()).isEqualTo(corpus.segments().size());
        assertThat(theirs.get("rejected").asInt()).isEqualTo(stats.get("rejected").asInt() + 1);
    }

    @Test
    void correctedEdgesMustBeFiniteInsideTheRecordingAndNearTheBuiltOnes() throws Exception {
        ReviewSegment last = corpus.segments().stream().filter(x -> x.corpus().equals("open"))
                .max(java.util.Comparator.comparingDouble(x -> x.row().end())).orElseThrow();
        double seconds = new Media().probe(corpus.source(last).orElseThrow()).duration();
        assertThat(seconds + 0.5 - last.row().end()).isLessThan(5);
        String at = "{\"corpus\":\"open\",\"id\":\"" + last.id() + "\",\"verdict\":\"accept\",";
        int before = store.decisions().size();
        for (String edges : List.of("\"end\":1e308", "\"end\":\"Infinity\"", "\"start\":-1",
                "\"end\":" + (seconds + 0.5), "\"start\":" + (last.row().start() - 5.5), "\"start\":\"12\"")) {
            HttpResponse<String> r = post("/api/decision", openOnly, at + edges + "}");
            assertThat(r.statusCode()).as(edges).isEqualTo(400);
            assertThat(r.body()).as(edges).contains("seconds in the source recording");
        }
        assertThat(post("/api/decision", openOnly, at + "\"end\":" + (seconds + 0.5) + "}").body())
                .contains("past the end of the recording");
        assertThat(store.decisions()).hasSize(before);
    }
}
