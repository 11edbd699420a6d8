package org.samtal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.samtal.media.DecodeOptions;
import org.samtal.media.DecodedAudio;
import org.samtal.media.Media;
import org.samtal.testing.Cli;
import org.samtal.testing.TwoTracks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Drives the review page in Debian's chromium through its chromedriver (no browser downloads): sign in, play,
 * reject with a reason, edit a text, nudge and drag boundaries; then checks the stored decisions and the corpus that
 * export and a rebuild write from them.
 */
class ReviewPageTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String NEW_TEXT = "Þetta er leiðréttur texti.";

    @TempDir
    Path dir;
    WebDriver browser;
    ReviewServer server;
    ReviewStore store;

    @AfterEach
    void close() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (store != null) store.close();
    }

    static WebDriver chromium() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new AssertionError("the review page tests need Debian's chromium and its driver: sudo apt-get install chromium chromium-driver");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new ChromeDriver(service, o);
    }

    String token(Path corpus, String... args) {
        List<String> a = new ArrayList<>(List.of("review", corpus.toString(), "--add-validator"));
        a.addAll(List.of(args));
        Cli.Run run = Cli.run(a.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().strip();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    String waitForSegment(String notThis) {
        waiting().until(d -> "ready".equals(js("return document.body.dataset.state"))
                && !String.valueOf(js("return document.body.dataset.segment")).equals(String.valueOf(notThis)));
        return (String) js("return document.body.dataset.segment");
    }

    void waitSaved(int n) {
        waiting().until(d -> String.valueOf(n).equals(js("return document.body.dataset.saved")));
    }

    void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    @Test
    void aValidatorJudgesInTheBrowserAndTheDecisionsShapeTheCorpus() throws Exception {
        Path built = TwoTracks.build(dir);
        String vala = token(built, "vala");
        ReviewCorpus corpus = ReviewCorpus.load(built);
        store = ReviewStore.open(corpus.reviewRoot());
        Sample sample = new Sampler().draw(corpus.segments(), Sampler.Settings.defaults());
        store.saveSample(sample);
        server = new ReviewServer(corpus, store, sample, new Media());
        String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0) + "/";
        browser = chromium();

        // sign in: a wrong token is refused, the right one opens the page
        browser.get(base);
        browser.findElement(By.id("token")).sendKeys("wrong");
        browser.findElement(By.id("sign-in")).click();
        // the refusal is a new page: wait for it (read at once, the source was sometimes still the sign-in form's)
        waiting().until(d -> d.getPageSource().contains("not valid"));
        assertThat(browser.getPageSource()).contains("not valid");
        browser.findElement(By.id("token")).sendKeys(vala);
        browser.findElement(By.id("sign-in")).click();
        String first = waitForSegment(null);
        assertThat(browser.findElement(By.id("who")).getText()).contains("vala");
        ReviewSegment s1 = corpus.segment("open", first).orElseThrow(); // vala sees the open track only
        assertThat(browser.findElement(By.id("text")).getText()).isEqualTo(s1.row().text());

        // play: space starts the segment, space pauses it
        keys(" ");
        waiting().until(d -> (Boolean) js("const a = document.getElementById('audio'); return !a.paused && a.currentTime > 0.2"));
        double playedFrom = ((Number) js("return window.samtal.cur.context_from + document.getElementById('audio').currentTime")).doubleValue();
        assertThat(playedFrom).isBetween(s1.row().start(), s1.row().end());
        keys(" ");
        waiting().until(d -> (Boolean) js("return document.getElementById('audio').paused"));

        // reject with a reason: r, then 2 (cut too early)
        keys("r");
        assertThat(browser.findElement(By.id("reasons")).isDisplayed()).isTrue();
        keys("2");
        waitSaved(1);
        String second = waitForSegment(first);
        ReviewSegment s2 = corpus.segment("open", second).orElseThrow();

        // edit the text and nudge the start 200 ms later (Alt: 100 ms steps), then accept
        keys("e");
        WebElement edit = browser.findElement(By.id("text-edit"));
        assertThat(edit.isDisplayed()).isTrue();
        edit.sendKeys(Keys.chord(Keys.CONTROL, "a"), NEW_TEXT);
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        assertThat(browser.findElement(By.id("text")).getText()).isEqualTo(NEW_TEXT);
        new Actions(browser).keyDown(Keys.ALT).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).keyUp(Keys.ALT).perform();
        keys(Keys.ARROW_RIGHT); // and one 10 ms step
        assertThat(browser.findElement(By.id("start-delta")).getText()).isEqualTo("+210 ms");
        Path shot = Path.of("target", "review-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        keys("a");
        waitSaved(2);
        String third = waitForSegment(second);
        ReviewSegment s3 = corpus.segment("open", third).orElseThrow();

        // drag the end 40 px to the left, nudge it back 10 ms with Shift+Right, accept
        WebElement canvas = browser.findElement(By.id("wave"));
        double endX = ((Number) js("const c = document.getElementById('wave'); const S = window.samtal;"
                + " return (S.end - S.cur.context_from) / (S.cur.context_to - S.cur.context_from) * c.clientWidth")).doubleValue();
        int width = canvas.getRect().getWidth();
        int height = canvas.getRect().getHeight();
        new Actions(browser).moveToElement(canvas, (int) Math.round(endX - width / 2.0), 20 - height / 2).clickAndHold()
                .moveByOffset(-20, 0).moveByOffset(-20, 0).release().perform();
        double dragged = ((Number) js("return window.samtal.end")).doubleValue();
        assertThat(dragged).isLessThan(s3.row().end() - 0.1);
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
        double end3 = ((Number) js("return window.samtal.end")).doubleValue();
        assertThat(end3).isCloseTo(dragged + 0.01, within(0.0011));
        keys("a");
        waitSaved(3);
        waitForSegment(third);
        assertThat(browser.findElement(By.id("progress-text")).getText()).contains("3 of").contains("you: 3");
        assertThat(browser.findElement(By.id("overall")).getText()).contains("bad");

        // the decisions, as stored
        Map<String, Decision> byId = new HashMap<>();
        for (Decision d : store.decisions()) byId.put(d.segmentId(), d);
        assertThat(store.decisions()).hasSize(3).allSatisfy(d -> {
            assertThat(d.validator()).isEqualTo("vala");
            assertThat(d.corpus()).isEqualTo("open");
        });
        assertThat(byId.get(first).verdict()).isEqualTo("reject");
        assertThat(byId.get(first).reason()).isEqualTo("cut_too_early");
        assertThat(byId.get(second).text()).isEqualTo(NEW_TEXT);
        assertThat(byId.get(second).start()).isCloseTo(s2.row().start() + 0.21, within(0.0011));
        assertThat(byId.get(second).end()).isNull();
        assertThat(byId.get(third).end()).isCloseTo(end3, within(0.0011));
        assertThat(byId.get(third).bad()).isTrue();
        browser.quit();
        browser = null;
        server.close();
        server = null;
        store.close();
        store = null;

        // export applies them: the rejected segment leaves the corpus, the corrections are used, clips cut again
        Path open = built.resolve("open");
        Cli.Run export = Cli.run("export", open.toString(), "--format", "nemo");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("rejected segments left out: 1; texts corrected: 1; segments cut again at corrected boundaries: 2");
        checkApplied(open, first, second, third, s2, s3, end3);
        String card = Files.readString(open.resolve("card.md"));
        assertThat(card).contains("## Review").containsPattern("Validators judged 3 of a sample of [1-9]")
                .contains("1 text corrected");
        assertThat(Files.readString(open.resolve("card.json"))).contains("\"rejected\" : 1").contains("\"text_corrected\" : 1")
                .contains("\"bounds_corrected\" : 2").contains("\"sample_size\"").doesNotContain("Corrected").doesNotContain("sampleSize");
        // every format the build wrote is written again: no format keeps the rejected segment
        assertThat(allSplits(open, "kaldi/%s/text")).doesNotContain(first).contains(NEW_TEXT);

        // so does the next build of the same deliveries
        Cli.Run rebuild = Cli.run("build", dir.resolve("opin").toString(), dir.resolve("lokud").toString(), "--out", built.toString(), "-q");
        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        checkApplied(open, first, second, third, s2, s3, end3);
    }

    void checkApplied(Path open, String rejected, String textAndStart, String endMoved, ReviewSegment s2, ReviewSegment s3,
                      double end3) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> rows = new HashMap<>();
        for (String l : Files.readAllLines(open.resolve("manifest.jsonl"))) {
            JsonNode r = json.readTree(l);
            rows.put(r.get("id").asText(), r);
        }
        assertThat(rows).doesNotContainKey(rejected);
        try (var clips = Files.walk(open.resolve("clips"))) {
            assertThat(clips.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(rejected));
        }
        JsonNode r2 = rows.get(textAndStart);
        assertThat(r2.get("text").asText()).isEqualTo(NEW_TEXT);
        assertThat(r2.get("text_normalized").asText()).isEqualTo(NEW_TEXT);
        assertThat(r2.get("review").asText()).isEqualTo("corrected");
        assertThat(r2.get("start").asDouble()).isCloseTo(s2.row().start() + 0.21, within(0.0011));
        assertThat(r2.get("end").asDouble()).isEqualTo(s2.row().end());
        JsonNode r3 = rows.get(endMoved);
        assertThat(r3.get("end").asDouble()).isCloseTo(end3, within(0.0011));
        for (JsonNode r : List.of(r2, r3)) {
            Path clip = open.resolve(r.get("audio_filepath").asText());
            assertThat(clip.getFileName().toString()).matches(".*\\.r\\d+-\\d+\\.flac");
            DecodedAudio a = new Media().decode(clip, DecodeOptions.speechMono(), dir.resolve("work"), null);
            assertThat(a.duration()).isCloseTo(r.get("end").asDouble() - r.get("start").asDouble(), within(0.002));
            assertThat(r.get("duration").asDouble()).isCloseTo(a.duration(), within(0.002));
            a.delete();
            // the clip cut at the old bounds is out of the published corpus: no row points to it (found in a user trial)
            String id = r.get("id").asText();
            try (var clips = Files.walk(open.resolve("clips"))) {
                assertThat(clips.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id + "."))).as(id)
                        .containsExactly(clip.getFileName().toString());
            }
        }
        // and every file published is one the manifest or a format names: SHA256SUMS lists no clip without a row
        try (var lines = Files.lines(open.resolve("SHA256SUMS"))) {
            List<String> clipsListed = lines.map(l -> l.substring(66)).filter(n -> n.startsWith("clips/")).toList();
            assertThat(clipsListed).hasSize(rows.size());
        }
        assertThat(allSplits(open, "nemo/%s_manifest.jsonl")).doesNotContain(rejected).contains(NEW_TEXT);
    }

    /** A format's file of every split that has one (a split without segments has none). */
    static String allSplits(Path corpus, String pattern) throws Exception {
        StringBuilder all = new StringBuilder();
        for (String split : List.of("train", "dev", "test")) {
            Path f = corpus.resolve(String.format(pattern, split));
            if (Files.exists(f)) all.append(Files.readString(f));
        }
        return all.toString();
    }
}
