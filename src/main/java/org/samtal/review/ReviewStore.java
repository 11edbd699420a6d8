package org.samtal.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.samtal.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The review database (SQLite): validators with their token hashes and grants, the sample, and every decision.
 * Each decision is committed on its own with a full sync, so a crash or a restart loses nothing; SQLite's
 * write-ahead log lets several validators (and several server processes) write at once.
 *
 * <p>It lives in {@code .samtal/review.sqlite} of the folder under review, outside everything that is published.
 */
public final class ReviewStore implements AutoCloseable {
    public static final String FILE = org.samtal.corpus.CorpusStore.REVIEW_DATABASE;

    private final Path file;
    private final Connection db;
    private final ObjectMapper json = Json.mapper();
    private final SecureRandom random = new SecureRandom();

    private ReviewStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens (creating when needed) the review database of a review folder. */
    public static ReviewStore open(Path reviewRoot) {
        Path file = org.samtal.corpus.CorpusStore.at(reviewRoot).reviewDatabase();
        try {
            org.samtal.util.AtomicFiles.createDirectories(file.getParent());
            // private-track corrections live here: readable by the owner only (SQLite gives its journals the same mode)
            if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("CREATE TABLE IF NOT EXISTS validators (name TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL UNIQUE,"
                        + " tracks TEXT NOT NULL, partners TEXT NOT NULL, created_at TEXT NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS sample (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, corpus TEXT NOT NULL,"
                        + " segment_id TEXT NOT NULL, validator TEXT NOT NULL, decided_at TEXT NOT NULL, verdict TEXT NOT NULL"
                        + " CHECK (verdict IN ('accept', 'reject')), reason TEXT, text TEXT, start REAL, end REAL, bad INTEGER NOT NULL)");
                st.execute("CREATE INDEX IF NOT EXISTS decisions_segment ON decisions (corpus, segment_id)");
            }
            return new ReviewStore(file, db);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + file.getParent() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("opening the review database " + file + ": " + e.getMessage()
                    + " (is it a samtal review database? move it aside to start a new review)", e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Adds a validator, or gives an existing one a new token (the old one stops working) and new grants.
     *
     * @return the token, shown once: only its hash is stored
     */
    public synchronized String addValidator(Validator v) {
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO validators (name, token_sha256, tracks, partners, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET token_sha256 = excluded.token_sha256,"
                + " tracks = excluded.tracks, partners = excluded.partners")) {
            ps.setString(1, v.name());
            ps.setString(2, hash(token));
            ps.setString(3, String.join(",", new java.util.TreeSet<>(v.tracks())));
            ps.setString(4, String.join(",", new java.util.TreeSet<>(v.partners())));
            ps.setString(5, java.time.Instant.now().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("adding validator " + v.name(), e);
        }
        return token;
    }

    /** The validator a token belongs to. */
    public synchronized Optional<Validator> validatorByToken(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        try (PreparedStatement ps = db.prepareStatement("SELECT name, tracks, partners FROM validators WHERE token_sha256 = ?")) {
            ps.setString(1, hash(token.strip()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Validator(rs.getString(1), split(rs.getString(2)), split(rs.getString(3))));
            }
        } catch (SQLException e) {
            throw failure("reading validators", e);
        }
    }

    public synchronized List<Validator> validators() {
        List<Validator> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT name, tracks, partners FROM validators ORDER BY name")) {
            while (rs.next()) out.add(new Validator(rs.getString(1), split(rs.getString(2)), split(rs.getString(3))));
        } catch (SQLException e) {
            throw failure("reading validators", e);
        }
        return out;
    }

    /** The sample drawn before, if any. */
    public synchronized Optional<Sample> sample() {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT json FROM sample WHERE id = 1")) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(json.readValue(rs.getString(1), Sample.class));
        } catch (SQLException e) {
            throw failure("reading the sample", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the sample from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps a sample, replacing the one before (decisions stay: they belong to segments, not to samples). */
    public synchronized void saveSample(Sample sample) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO sample (id, json) VALUES (1, ?)"
                + " ON CONFLICT (id) DO UPDATE SET json = excluded.json")) {
            ps.setString(1, json.writeValueAsString(sample));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("saving the sample", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a decision (committed before this returns). */
    public synchronized void record(Decision d) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO decisions (corpus, segment_id, validator, decided_at, verdict,"
                + " reason, text, start, end, bad) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.corpus());
            ps.setString(2, d.segmentId());
            ps.setString(3, d.validator());
            ps.setString(4, d.decidedAt());
            ps.setString(5, d.verdict());
            ps.setString(6, d.reason());
            ps.setString(7, d.text());
            setDouble(ps, 8, d.start());
            setDouble(ps, 9, d.end());
            ps.setInt(10, d.bad() ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("storing a decision on " + d.segmentId(), e);
        }
    }

    private static final String DECISION_COLUMNS = "corpus, segment_id, validator, decided_at, verdict, reason, text,"
            + " start, end, bad";

    /** Every decision, oldest first. */
    public synchronized List<Decision> decisions() {
        List<Decision> out = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + DECISION_COLUMNS + " FROM decisions ORDER BY seq")) {
            while (rs.next()) out.add(decision(rs));
        } catch (SQLException e) {
            throw failure("reading decisions", e);
        }
        return out;
    }

    /** The validator's newest decision on a segment (the one that counts), if any: one indexed lookup. */
    public synchronized Optional<Decision> latest(String corpus, String segmentId, String validator) {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + DECISION_COLUMNS + " FROM decisions WHERE corpus = ?"
                + " AND segment_id = ? AND validator = ? ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, corpus);
            ps.setString(2, segmentId);
            ps.setString(3, validator);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decision(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading the decision on " + segmentId, e);
        }
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), getDouble(rs, 8), getDouble(rs, 9), rs.getInt(10) != 0);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.REAL);
        else ps.setDouble(i, v);
    }

    private static Double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Set<String> split(String s) {
        return s.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.split(",")));
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " in " + file + ": " + e.getMessage(), e);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
