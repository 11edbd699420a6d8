package org.samtal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.samtal.corpus.ManifestRow;
import org.samtal.media.Media;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review stage's entry point: the validators' web page and its API, served by Javalin (Jetty).
 *
 * <p>Every request needs a validator's token, from the sign-in cookie or an {@code Authorization: Bearer} header;
 * without one the page answers 401 with the sign-in form and the API answers 401. Segments and their audio are
 * found by corpus name and id in the corpora's manifests, never by path, and only those the validator may see.
 */
public final class ReviewServer implements AutoCloseable {
    static final String COOKIE = "samtal_token";

    private final ReviewCorpus corpus;
    private final ReviewStore store;
    private final Sample sample;
    private final ContextAudio audio;
    private final Media media;
    private final ObjectMapper json = Json.mapper();
    private final Map<String, List<ReviewSegment>> sampledByRecording = new HashMap<>();
    private Javalin app;

    /**
     * @param corpus the corpora under review
     * @param store  the review database
     * @param sample the sample validators work through
     */
    public ReviewServer(ReviewCorpus corpus, ReviewStore store, Sample sample, Media media) {
        this.corpus = corpus;
        this.store = store;
        this.sample = sample;
        this.audio = new ContextAudio(corpus, media);
        this.media = media;
        for (Sample.Item it : sample.items()) {
            corpus.segment(it.corpus(), it.segmentId()).ifPresent(s ->
                    sampledByRecording.computeIfAbsent(s.corpus() + "/" + s.row().recordingId(), k -> new ArrayList<>()).add(s));
        }
    }

    /**
     * Starts serving.
     *
     * @param host address to listen on ({@code 127.0.0.1} for this machine only, {@code 0.0.0.0} for the network)
     * @param port port, or 0 for any free one
     * @return the port it listens on
     */
    public int start(String host, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(this::requireValidator);
            config.routes.post("/login", this::login);
            config.routes.post("/logout", ctx -> {
                ctx.removeCookie(COOKIE, "/");
                ctx.redirect("/");
            });
            config.routes.get("/", ctx -> ctx.html(resource("page.html")));
            config.routes.get("/review.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(resource("review.js")));
            config.routes.get("/review.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(resource("review.css")));
            config.routes.get("/api/me", ctx -> {
                Validator v = validator(ctx);
                ObjectNode o = json.createObjectNode();
                o.put("validator", v.name());
                o.set("tracks", json.valueToTree(v.tracks()));
                o.set("reasons", json.valueToTree(Decision.REASONS));
                sendJson(ctx, o);
            });
            config.routes.get("/api/queue", ctx -> sendJson(ctx, queue(validator(ctx))));
            config.routes.get("/api/segment", ctx -> sendJson(ctx, segmentJson(validator(ctx), visible(ctx))));
            config.routes.get("/api/audio", this::audio);
            config.routes.post("/api/decision", this::decide);
            config.routes.get("/api/stats", ctx -> sendJson(ctx, json.valueToTree(ReviewStats.visibleTo(sample, store.decisions(),
                    corpus.segments(), validator(ctx)::maySee))));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> {
                ctx.status(400);
                sendJson(ctx, error(e.getMessage()));
            });
        });
        app.start();
        return app.port();
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }

    /** Refuses every request without a valid token (the sign-in form itself is the only thing shown). */
    private void requireValidator(Context ctx) {
        if (ctx.path().equals("/login") && ctx.method().name().equals("POST")) return;
        Optional<Validator> v = store.validatorByToken(token(ctx));
        if (v.isPresent()) {
            ctx.attribute("validator", v.get());
            return;
        }
        ctx.status(401);
        if (ctx.path().equals("/")) ctx.html(resource("login.html"));
        else sendJson(ctx, error("sign in with your validator token (samtal review --add-validator NAME prints one)"));
        ctx.skipRemainingHandlers();
    }

    private static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) return header.substring(7).strip();
        return ctx.cookie(COOKIE);
    }

    private void login(Context ctx) {
        String token = ctx.formParam("token");
        if (token == null || store.validatorByToken(token).isEmpty()) {
            ctx.status(401).html(resource("login.html").replace("<!--error-->",
                    "<p class=\"error\">That token is not valid. Ask for a new one (samtal review --add-validator NAME).</p>"));
            return;
        }
        Cookie c = new Cookie(COOKIE, token.strip());
        c.setHttpOnly(true);
        c.setSameSite(SameSite.STRICT);
        c.setPath("/");
        c.setMaxAge(60 * 60 * 24 * 30);
        ctx.cookie(c);
        ctx.redirect("/");
    }

    private static Validator validator(Context ctx) {
        return ctx.attribute("validator");
    }

    /** The segment the request names, if the validator may see it; else 404 (not 403: its existence stays private). */
    private ReviewSegment visible(Context ctx) {
        Validator v = validator(ctx);
        return corpus.segment(ctx.queryParam("corpus"), ctx.queryParam("id")).filter(s -> v.maySee(s.row()))
                .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no such segment"));
    }

    /** The sample segments this validator still has to judge, in sample order, and their progress. */
    private ObjectNode queue(Validator v) {
        List<Decision> decisions = store.decisions();
        Map<String, Set<String>> judges = new HashMap<>();
        for (Decision d : decisions) judges.computeIfAbsent(Verdict.key(d.corpus(), d.segmentId()), k -> new HashSet<>()).add(d.validator());
        ArrayNode pending = json.createArrayNode();
        int visibleCount = 0;
        int mine = 0;
        int judgedAny = 0;
        for (Sample.Item it : sample.items()) {
            Optional<ReviewSegment> s = corpus.segment(it.corpus(), it.segmentId());
            if (s.isEmpty() || !v.maySee(s.get().row())) continue;
            visibleCount++;
            Set<String> who = judges.getOrDefault(Verdict.key(it.corpus(), it.segmentId()), Set.of());
            if (!who.isEmpty()) judgedAny++;
            if (who.contains(v.name())) {
                mine++;
            } else if (who.size() < it.judges()) {
                ObjectNode o = pending.addObject();
                o.put("corpus", it.corpus());
                o.put("id", it.segmentId());
            }
        }
        ObjectNode o = json.createObjectNode();
        o.put("sample", visibleCount);
        o.put("judged", judgedAny);
        o.put("mine", mine);
        o.set("pending", pending);
        return o;
    }

    private ObjectNode segmentJson(Validator v, ReviewSegment s) {
        ManifestRow r = s.row();
        ContextAudio.Context c = audio.of(s, sampledByRecording.getOrDefault(s.corpus() + "/" + r.recordingId(), List.of()));
        ObjectNode o = json.createObjectNode();
        o.put("corpus", s.corpus());
        o.put("id", r.id());
        o.put("text", r.text());
        o.put("text_normalized", r.textNormalized());
        o.put("lang", r.lang());
        o.put("speaker", r.speaker());
        o.put("recording_id", r.recordingId());
        o.put("source", r.source());
        o.put("track", r.track() == null ? "undeclared" : r.track());
        o.put("score", r.score());
        o.put("aligner", r.aligner());
        o.put("start", r.start());
        o.put("end", r.end());
        o.put("context_from", c.from());
        o.put("context_to", c.to());
        o.put("has_context", c.from() < r.start() - 1e-3 || c.to() > r.end() + 1e-3);
        o.set("flags", json.valueToTree(r.flags() == null ? List.of() : r.flags()));
        // the band as this validator may know it: named by the scores it may see
        ReviewStats.visibleSample(sample, corpus.segments(), v::maySee).items().stream()
                .filter(i -> i.corpus().equals(s.corpus()) && i.segmentId().equals(r.id())).findFirst()
                .ifPresent(i -> o.put("band", i.stratum()));
        store.latest(s.corpus(), r.id(), v.name()).ifPresent(mine -> o.set("mine", json.valueToTree(mine)));
        return o;
    }

    private void audio(Context ctx) throws IOException {
        ReviewSegment s = visible(ctx);
        ContextAudio.Context c = audio.of(s, sampledByRecording.getOrDefault(s.corpus() + "/" + s.row().recordingId(), List.of()));
        ctx.contentType("audio/wav");
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.result(Files.readAllBytes(c.wav()));
    }

    private void decide(Context ctx) throws IOException {
        Validator v = validator(ctx);
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not JSON: send {\"corpus\", \"id\", \"verdict\", ...}");
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object: {\"corpus\", \"id\", \"verdict\", ...}");
        }
        ReviewSegment s = corpus.segment(body.path("corpus").asText(null), body.path("id").asText(null))
                .filter(x -> v.maySee(x.row())).orElseThrow(() -> new io.javalin.http.NotFoundResponse("no such segment"));
        String verdict = body.path("verdict").asText("");
        if (!verdict.equals(Decision.ACCEPT) && !verdict.equals(Decision.REJECT)) {
            throw new IllegalArgumentException("verdict must be accept or reject");
        }
        String reason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
        if (verdict.equals(Decision.REJECT) && (reason == null || !Decision.REASONS.contains(reason))) {
            throw new IllegalArgumentException("a rejection needs a reason: one of " + Decision.REASONS);
        }
        if (verdict.equals(Decision.ACCEPT)) reason = null;
        ManifestRow r = s.row();
        String text = body.hasNonNull("text") ? body.get("text").asText().strip() : null;
        if (text != null && (text.isEmpty() || text.equals(r.text()))) text = null;
        Double start = edge(body, "start");
        Double end = edge(body, "end");
        if (start != null && Math.abs(start - r.start()) < 0.0005) start = null;
        if (end != null && Math.abs(end - r.end()) < 0.0005) end = null;
        double newStart = start != null ? start : r.start();
        double newEnd = end != null ? end : r.end();
        if (start != null || end != null) {
            String problem = Decision.edgesProblem(r, newStart, newEnd, Corrections.MIN_CLIP, recordingSeconds(s));
            if (problem != null) throw new IllegalArgumentException(problem);
        }
        boolean bad = verdict.equals(Decision.REJECT) || text != null
                || Math.abs(newStart - r.start()) > Decision.BOUNDARY_TOLERANCE || Math.abs(newEnd - r.end()) > Decision.BOUNDARY_TOLERANCE;
        if (verdict.equals(Decision.REJECT)) {
            text = null; // a rejected segment is left out; corrections to it mean nothing
            start = null;
            end = null;
        }
        Decision d = new Decision(s.corpus(), r.id(), v.name(), Instant.now().toString(), verdict, reason, text, start, end, bad);
        store.record(d);
        ObjectNode o = json.createObjectNode();
        o.set("decision", json.valueToTree(d));
        sendJson(ctx, o);
    }

    /** A corrected edge from a decision's body: a JSON number, or {@code null} when left out. */
    private static Double edge(JsonNode body, String name) {
        if (!body.hasNonNull(name)) return null;
        JsonNode n = body.get(name);
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new IllegalArgumentException(name + " must be a finite JSON number of seconds in the source recording, e.g. "
                    + "12.345 (not " + n + "), or left out to keep the built edge");
        }
        return n.asDouble();
    }

    /** The length of a segment's source recording, or NaN when it is not at hand. */
    private double recordingSeconds(ReviewSegment s) {
        return corpus.source(s).filter(Files::isRegularFile).map(p -> {
            try {
                return media.probe(p).duration();
            } catch (org.samtal.media.MediaException e) {
                return Double.NaN;
            }
        }).orElse(Double.NaN);
    }

    private void sendJson(Context ctx, JsonNode node) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(json.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode error(String message) {
        ObjectNode o = json.createObjectNode();
        o.put("error", message);
        return o;
    }

    private static String resource(String name) {
        try (InputStream in = ReviewServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
