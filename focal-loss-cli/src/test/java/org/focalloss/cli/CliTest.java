package org.focalloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI in-process: outputs, round trips through CSV, and one-line errors with exit status 2. */
class CliTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void calcPrintsTheWorkedExample() {
        Run r = run("calc", "--logits", "1.5,-0.8,0.2", "--target", "1");
        assertEquals(0, r.status);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("FL = α·\\(1 − p_t\\)\\^γ·CE +0\\.562143")), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("CE / FL = 1 / \\(α·\\(1 − p_t\\)\\^γ\\) +4\\.7×")), r.out);
        // the headline names the modulator's share and then the same CE / FL as the table
        assertTrue(r.out.contains("suppressing the cross-entropy loss by 1.2× (the modulator alone)."
                + " With α = 0.25 as well, CE / FL = 4.7×."), r.out);
        assertEquals("", r.err);
    }

    @Test
    void calcCsvReadsBackToTheExactValue() {
        Run r = run("calc", "--logits", "-1.0, 3.0, -0.5", "--target", "1", "--format", "csv");
        String fl = r.out.lines().filter(l -> l.startsWith("fl,")).findFirst().orElseThrow();
        double exact = SoftmaxFocalLoss.of(2, 0.25).loss(new double[] {-1, 3, -0.5}, 1);
        assertEquals(exact, Double.parseDouble(fl.substring(3)), 0);
        assertEquals(2.5354e-05, exact, 5e-10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--logits 1.5,abc --target 1               | error: logit 2 = \"abc\" is not a number (expected e.g. 1.5 or -0.8)",
        "--logits '' --target 0                    | error: logits are empty: give numbers separated by commas, e.g. \"1.5, -0.8, 0.2\"",
        "--logits 1,2 --target 2                   | error: target = 2 is out of range [0, 1] for 2 classes",
        "--logits 1,2 --target 0 --gamma -1        | error: gamma = -1.0 is out of range [0, ∞)",
        "--logits 1,2 --target 0 --gamma NaN       | error: gamma = \"NaN\" is not a number (expected e.g. 1.5 or -0.8)",
        "--logits 1,2 --target 0 --alpha 1.5       | error: alpha = 1.5 is out of range [0, 1]",
    })
    void calcBadInputIsOneLineAndStatusTwo(String args, String message) {
        Run r = run(Stream.concat(Stream.of("calc"), Stream.of(args.trim().split("\\s+"))
                .map(a -> a.equals("''") ? "" : a)).toArray(String[]::new));
        assertEquals(2, r.status);
        assertEquals(message, r.err.strip());
        assertEquals("", r.out);
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"calc", "batch", "plot"})
    void everyCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("Usage: focal-loss " + command), r.out);
    }

    @Test
    void sigmoidBatchRoundTripMatchesTheLibrary(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "id,target,logit\na,1,-0.3\n\"b,x\",0,2.5\nc,1,10000\nd,0,-10000\n");
        Path out = dir.resolve("out.csv");
        Run r = run("batch", "--mode", "sigmoid", "--gamma", "2", "--alpha", "0.25", "--in", in.toString(),
                "--out", out.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("wrote 4 rows to"), r.out);
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,target,logit,p_t,ce,modulator,loss,grad", lines.get(0));
        assertTrue(lines.get(2).startsWith("\"b,x\",0,2.5,"), lines.get(2));
        SigmoidFocalLoss fl = SigmoidFocalLoss.defaults();
        double[][] rows = {{1, -0.3}, {0, 2.5}, {1, 10000}, {0, -10000}};
        for (int i = 0; i < rows.length; i++) {
            List<String> f = Csv.parse(lines.get(i + 1));
            SigmoidFocalLoss.Terms t = fl.evaluate(rows[i][1], rows[i][0]);
            assertEquals(t.pt(), Double.parseDouble(f.get(3)), 0);
            assertEquals(t.crossEntropy(), Double.parseDouble(f.get(4)), 0);
            assertEquals(t.modulator(), Double.parseDouble(f.get(5)), 0);
            assertEquals(t.loss(), Double.parseDouble(f.get(6)), 0);
            assertEquals(t.gradient(), Double.parseDouble(f.get(7)), 0);
        }
    }

    @Test
    void softmaxBatchRoundTripMatchesTheLibrary(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "target,z0,z1,z2\n1,-1.0,3.0,-0.5\n1,1.5,-0.8,0.2\n0,1e4,-1e4,0\n");
        Path out = dir.resolve("out.csv");
        Run r = run("batch", "--mode", "softmax", "--gamma", "0.5", "--alpha", "none", "--in", in.toString(),
                "--out", out.toString());
        assertEquals(0, r.status, r.err);
        List<String> lines = Files.readAllLines(out);
        assertEquals("target,z0,z1,z2,p_t,ce,modulator,loss,grad_z0,grad_z1,grad_z2", lines.get(0));
        double[][] z = {{-1, 3, -0.5}, {1.5, -0.8, 0.2}, {1e4, -1e4, 0}};
        int[] t = {1, 1, 0};
        for (int i = 0; i < 3; i++) {
            String[] f = lines.get(i + 1).split(",");
            SoftmaxFocalLoss.Terms terms = SoftmaxFocalLoss.of(0.5, 1).evaluate(z[i], t[i]);
            assertEquals(terms.loss(), Double.parseDouble(f[7]), 0);
            for (int j = 0; j < 3; j++) {
                assertEquals(terms.gradient()[j], Double.parseDouble(f[8 + j]), 0);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sigmoid | target,logit\\n1,0.5\\n1,abc\\n   | error: in.csv, row 2 (line 3): logit = \"abc\" is not a number (expected e.g. 1.5 or -0.8)",
        "sigmoid | target,logit\\n2,0.5\\n           | error: in.csv, row 1 (line 2): target = 2.0 is out of range [0, 1]",
        "sigmoid | target,lgt\\n1,0.5\\n             | error: in.csv: missing column \"logit\" (sigmoid mode needs columns target and logit; found: target, lgt)",
        "sigmoid | logit\\n0.5\\n                    | error: in.csv: missing column \"target\" (sigmoid mode needs columns target and logit; found: logit)",
        "sigmoid | target,logit\\n1,0.5\\n\\n0,1,2\\n | error: in.csv, row 2 (line 4): has 3 fields but the header has 2",
        "sigmoid | target,logit\\n1,NaN\\n           | error: in.csv, row 1 (line 2): logit = \"NaN\" is not a number (expected e.g. 1.5 or -0.8)",
        "softmax | target,z0,z1\\n2,0.5,1\\n         | error: in.csv, row 1 (line 2): target = 2 is out of range [0, 1] for 2 classes",
        "softmax | target,z0,z1\\n1.5,0.5,1\\n       | error: in.csv, row 1 (line 2): target = \"1.5\" is not a class index (expected a whole number from 0 to 1)",
        "softmax | target,x\\n1,0.5\\n               | error: in.csv: missing column \"z0\" (softmax mode needs columns target, z0, z1, …; found: target, x)",
        "sigmoid | ''                                 | error: in.csv is empty: expected a header line such as \"target,logit\"",
    })
    void batchBadInputNamesTheRowAndLeavesNoOutput(String mode, String content, String message, @TempDir Path dir)
            throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, content.equals("''") ? "" : content.replace("\\n", "\n"));
        Path out = dir.resolve("out.csv");
        Run r = run("batch", "--mode", mode, "--in", in.toString(), "--out", out.toString());
        assertEquals(2, r.status);
        assertEquals(message, r.err.strip());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("in.csv"), files.map(p -> p.getFileName().toString()).toList(),
                    "no output, not even a partial one");
        }
    }

    @Test
    void batchKeepsAnExistingOutputWhenTheInputIsBad(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "target,logit\n1,0.5\n1,oops\n");
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous result\n");
        assertEquals(2, run("batch", "--mode", "sigmoid", "--in", in.toString(), "--out", out.toString()).status);
        assertEquals("previous result\n", Files.readString(out));
    }

    @Test
    void missingInputFileIsAnInputOutputErrorThatNamesTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.csv");
        Run r = run("batch", "--mode", "sigmoid", "--in", missing.toString(), "--out", dir.resolve("o.csv").toString());
        assertEquals(1, r.status, "a missing input is an I/O condition (exit 1), not invalid input (exit 2)");
        assertEquals("error: input file does not exist: " + missing, r.err.strip());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no output written");
        }
    }

    @Test
    void topLevelHelpListsEveryCommandWithAWholeSentence() {
        Run r = run("--help");
        assertEquals(0, r.status, r.err);
        String commands = r.out.substring(r.out.indexOf("Commands:") + "Commands:".length(), r.out.indexOf("Exit status"));
        // picocli wraps a command's summary onto indented continuation lines; join them back
        String joined = commands.replaceAll("\\R {10,}", " ");
        List<String> entries = joined.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertEquals(List.of("calc", "batch", "plot", "explorer", "calculator", "help"),
                entries.stream().map(l -> l.split(" ", 2)[0]).toList(), r.out);
        for (String entry : entries) {
            assertTrue(entry.endsWith("."), "summary cut mid-sentence: '" + entry + "'");
        }
    }

    @Test
    void unknownModeIsAUsageError() {
        Run r = run("batch", "--mode", "tanh", "--in", "a.csv", "--out", "b.csv");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("'tanh'") && r.err.contains("batch --help"), r.err);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fig1.png, ''", "fig1.svg, ''", "m.png, modulator", "g.svg, gradients", "s.png, fl-star",
        "s6.png, fl-star-gradients", "l.png, loss"})
    void plotSavesTheChartAndPrintsItsDescription(String file, String chart, @TempDir Path dir) throws Exception {
        Path out = dir.resolve(file);
        String[] args = chart.isEmpty() ? new String[] {"plot", "--gamma", "0,0.5,1,2,5", "--out", out.toString()}
                : new String[] {"plot", chart, "--out", out.toString()};
        Run r = run(args);
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("saved " + out), r.out);
        assertTrue(r.out.contains("Line chart"), r.out);
        if (file.endsWith(".png")) {
            assertTrue(ImageIO.read(out.toFile()).getWidth() > 100);
        } else {
            assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("<svg"));
        }
    }

    @Test
    void plotRestylesWithoutKnowingXChart(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("f.png");
        Run r = run("plot", "fl-star", "--title", "FL* for slides", "--x-title", "x_t", "--y-title", "loss",
                "--labels", "cross-entropy;FL, γ = 2;FL* (2, 1);FL* (4, 0)", "--colors", "#000000,#E69F00,#56B4E9,#009E73",
                "--width", "960", "--height", "540", "--scale", "2", "--out", out.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("saved " + out + " (1920 × 1080 pixels: 960 × 540 at scale 2): FL* for slides"), r.out);
        assertTrue(r.out.contains("Legend: cross-entropy, thin black line; FL, γ = 2, orange line; FL* (2, 1), sky blue line;"
                + " FL* (4, 0), bluish green line."), r.out);
        var image = ImageIO.read(out.toFile());
        assertEquals(1920, image.getWidth());
        assertEquals(1080, image.getHeight());
        Path svg = dir.resolve("f.svg");
        assertEquals(0, run("plot", "loss", "--labels", "CE;FL", "--out", svg.toString()).status);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains(">FL</text>") && text.contains(">Focal loss, γ = 2, with cross-entropy</text>"), text);
    }

    @Test
    void plotTitlesOnlyThePapersGammasAsFigureOne(@TempDir Path dir) {
        Run paper = run("plot", "--out", dir.resolve("a.png").toString());
        assertTrue(paper.out.contains("(paper, Fig. 1)"), paper.out);
        Run other = run("plot", "--gamma", "3", "--out", dir.resolve("b.png").toString());
        assertTrue(other.out.contains("): Focal loss, γ = 3\n"), other.out);
        Run ceiling = run("plot", "--y-max", "8", "--out", dir.resolve("c.png").toString());
        assertTrue(ceiling.out.contains("): Focal loss against p_t for γ = 0, 0.5, 1, 2 and 5\n"), ceiling.out);
    }

    @Test
    void plotProbabilitiesNeedsLogits(@TempDir Path dir) {
        Run r = run("plot", "probabilities", "--out", dir.resolve("p.png").toString());
        assertEquals(2, r.status);
        assertEquals("error: the probabilities chart needs --logits and --target, e.g. --logits \"1.5,-0.8,0.2\""
                + " --target 1", r.err.strip());
        Run ok = run("plot", "probabilities", "--logits", "1.5,-0.8,0.2", "--target", "1", "--out",
                dir.resolve("p.png").toString());
        assertEquals(0, ok.status, ok.err);
        assertTrue(ok.out.contains("class 1 (true) 0.073033"), ok.out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plot --gamma 0,-1 --out f.png | error: gamma = -1.0 is out of range [0, ∞)",
        "plot --gamma 2 --out f.jpg    | error: output file \"f.jpg\" has an unsupported type: use a name ending in .png or .svg",
        "plot radar --out f.png        | error: chart = \"radar\" is not one of fig1, loss, modulator, gradients, fl-star, fl-star-gradients, probabilities",
        "plot --scale 0 --out f.png    | error: scale = 0.0 is out of range [0.5, 8]",
        "plot --width 20 --out f.png   | error: width = 20 is out of range [100, ∞)",
        "plot loss --colors #000 --out f.png | error: colors has 1 value(s) but the chart has 2 series (CE, γ = 2)",
        "plot loss --labels A;A --out f.png  | error: label \"A\" is given twice: two series with one name cannot be told apart",
    })
    void plotBadInputIsOneLine(String args, String message, @TempDir Path dir) throws Exception {
        String[] a = args.split(" ");
        for (int i = 0; i < a.length; i++) {
            if (a[i].startsWith("f.")) {
                a[i] = dir.resolve(a[i]).toString();
            }
        }
        Run r = run(a);
        assertEquals(2, r.status);
        assertEquals(message, r.err.strip());
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}
