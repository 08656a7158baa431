package org.focalloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code calculator --out calc.html}: the page, its starting values, one-line errors, files never half-written. */
class CalculatorCommandTest {

    @Test
    void withoutOptionsThePageStartsFromWorkedExampleTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("calc.html");
        CliTest.Run r = CliTest.run("calculator", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("saved " + out + ": Softmax focal-loss calculator"), r.out());
        assertTrue(r.out().contains("FL = 0.562143."), r.out());
        String page = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("data-logits=\"1.5, -0.8, 0.2\" data-target=\"1\" data-gamma=\"2\" data-alpha=\"0.25\""));
    }

    @Test
    void optionsSetTheStartingValues(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub").resolve("c.html");
        CliTest.Run r = CliTest.run("calculator", "--logits", "-1.0, 3.0, -0.5", "--target", "1", "--gamma", "2",
                "--alpha", "0.25", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(page.contains("data-logits=\"-1.0, 3.0, -0.5\""));
        assertTrue(page.contains("<td class=\"flc-num\" style=\"text-align: right\">2.5354e-05</td>"), "worked example 1's FL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--logits 1.5,abc                 | error: logit 2 = \"abc\" is not a number (expected e.g. 1.5 or -0.8)",
        "--target 3                       | error: target = 3 is out of range [0, 2] for 3 classes",
        "--target x                       | error: target = \"x\" is not a class index (expected a whole number such as 0 or 1)",
        "--gamma -1                       | error: gamma = -1.0 is out of range [0, ∞)",
        "--alpha 1.5                      | error: alpha = 1.5 is out of range [0, 1]",
    })
    void badInputIsOneLineStatusTwoAndTheOldFileSurvives(String args, String message, @TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("calc.html");
        Files.writeString(out, "keep me");
        String[] argv = Stream.concat(Stream.of("calculator", "--out", out.toString()),
                Stream.of(args.trim().split("\\s+"))).toArray(String[]::new);
        CliTest.Run r = CliTest.run(argv);
        assertEquals(2, r.status());
        assertEquals(message, r.err().strip());
        assertEquals("", r.out());
        assertEquals("keep me", Files.readString(out), "the existing file is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left");
        }
    }

    @Test
    void anUnwritableOutputIsAnInputOutputErrorOnOneLine(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        CliTest.Run r = CliTest.run("calculator", "--out", blocker.resolve("calc.html").toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void hasHelp() {
        CliTest.Run r = CliTest.run("calculator", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: focal-loss calculator"), r.out());
    }
}
