package org.samtal.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's test command sets itself up on a fresh machine (#14 item 19): {@code ./test} installs what the tests
 * need when it can (root, as CI runs, or password-less sudo), else names each missing piece with its install command
 * and runs no test; CI calls that same command. Run here on a copy of the script, with a PATH that lacks espeak-ng
 * and stand-ins for id, apt-get, Maven and the model installer that record how they were called.
 */
class TestCommandTest {
    @TempDir
    Path dir;
    Path checkout;
    Path bin;
    Path calls;

    @BeforeEach
    void fakeMachine() throws Exception {
        checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(Path.of("test"), checkout.resolve("test"));
        executable(checkout.resolve("test"));
        calls = dir.resolve("calls.log");
        Files.createDirectories(checkout.resolve("models"));
        script(checkout.resolve("models/install.sh"), "echo \"install.sh $*\" >> " + calls);
        bin = Files.createDirectories(dir.resolve("bin"));
        // what a fresh machine has: a shell and Java, but neither espeak-ng nor python3 (so no pip)
        for (String tool : List.of("bash", "dirname", "java", "env", "cat")) {
            Path real = Path.of("/usr/bin", tool);
            if (Files.exists(real)) Files.createSymbolicLink(bin.resolve(tool), real);
        }
        script(bin.resolve("mvn"), "echo \"mvn $*\" >> " + calls);
        script(bin.resolve("apt-get"), "echo \"apt-get $*\" >> " + calls);
    }

    private static void executable(Path p) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        executable(p);
    }

    private record Result(int exit, String output, String calls) {
    }

    private Result run(String uid) throws Exception {
        script(bin.resolve("id"), "echo " + uid);
        ProcessBuilder pb = new ProcessBuilder(checkout.resolve("test").toString(), "-Dtest=Something")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin.toString());
        env.remove("SAMTAL_TEST_CHECK_ONLY");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Result(exit, out, Files.exists(calls) ? Files.readString(calls) : "");
    }

    @Test
    void aDeveloperWithoutRootIsToldEachMissingPieceAndItsInstallCommandBeforeAnyTestRuns() throws Exception {
        Result r = run("1000");
        assertThat(r.exit()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("espeak-ng (the synthetic aligner")
                .contains("the Korean Vosk model")
                .contains("sudo apt-get install ")
                .contains("espeak-ng")
                .contains("models/install.sh ko");
        assertThat(r.calls()).as("no test runs, nothing is installed").isEmpty();
    }

    @Test
    void asRootItInstallsWhatIsMissingThenRunsTheTests() throws Exception {
        Result r = run("0");
        assertThat(r.exit()).as(r.output()).isZero();
        List<String> lines = r.calls().lines().toList();
        assertThat(lines).contains("apt-get update -qq");
        assertThat(lines).anyMatch(l -> l.startsWith("apt-get install -y -qq") && l.contains(" espeak-ng"));
        assertThat(lines).contains("install.sh ko");
        // the tests run last, with what was passed on
        assertThat(lines.get(lines.size() - 1)).isEqualTo("mvn -B test -Dtest=Something");
    }

    @Test
    void withEverythingInstalledItRunsTheTestsAndNothingElse() throws Exception {
        for (String tool : List.of("espeak-ng", "python3")) script(bin.resolve(tool), "exit 0");
        Path model = Files.createDirectories(checkout.resolve("models/vosk-model-small-ko/am"));
        Files.writeString(model.resolve("final.mdl"), "x");
        // the test data and the browser are looked for where Debian puts them, as ./test installed them before this
        Result r = run("1000");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.calls()).isEqualTo("mvn -B test -Dtest=Something\n");
    }

    @Test
    void theReadmeAndCiUseThatCommand() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("./test ").doesNotContain("\nmvn -B test ");
        String ci = Files.readString(Path.of(".ci/run"));
        assertThat(ci).contains("./test").doesNotContain("mvn -B test").doesNotContain("models/install.sh");
    }
}
