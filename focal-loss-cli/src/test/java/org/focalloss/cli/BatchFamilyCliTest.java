package org.focalloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code batch} with the focal family's options: a weight column, --convention, --label-smoothing, … */
class BatchFamilyCliTest {

    private static List<String[]> rows(Path out) throws IOException {
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split(",")).toList();
    }

    @Test
    void weightColumnMultipliesLossAndGradient(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, "target,logit,weight\n1,0.3,2.5\n0,-1.2,0\n0.4,2,1\n");
        CliTest.Run r = CliTest.run("batch", "--mode", "sigmoid", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String[]> rows = rows(out);
        SigmoidFocalLoss fl = SigmoidFocalLoss.defaults();
        assertEquals(2.5 * fl.loss(0.3, 1), Double.parseDouble(rows.get(0)[6]), 0);
        assertEquals(2.5 * fl.gradient(0.3, 1), Double.parseDouble(rows.get(0)[7]), 0);
        assertEquals(0, Double.parseDouble(rows.get(1)[6]), 0);
        assertEquals(fl.loss(2, 0.4), Double.parseDouble(rows.get(2)[6]), 0);
    }

    @Test
    void conventionAndOptionsGiveThePeersLoss(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, "target,logit\n0.8,1.0\n1,-2\n");
        CliTest.Run r = CliTest.run("batch", "--mode", "sigmoid", "--convention", "kornia", "--positive-weight", "3",
                "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        SigmoidFocalLoss kornia = SigmoidFocalLoss.builder().alpha(0.25).gamma(2)
                .softLabelRule(org.focalloss.core.BinarySoftLabelRule.SEPARATE_TERMS).positiveWeight(3).build();
        assertEquals(kornia.loss(1.0, 0.8), Double.parseDouble(rows(out).get(0)[5]), 0);
        r = CliTest.run("batch", "--mode", "sigmoid", "--convention", "smp", "--alpha", "none", "--reduced-threshold",
                "0.5", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(SigmoidFocalLoss.smp(2, Double.NaN, 0.5).loss(-2, 1), Double.parseDouble(rows(out).get(1)[5]), 0);
    }

    @Test
    void softmaxLabelSmoothingClassWeightsAndPolyOne(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, "target,z0,z1,z2,weight\n1,1.5,-0.8,0.2,2\n");
        CliTest.Run r = CliTest.run("batch", "--mode", "softmax", "--convention", "keras", "--label-smoothing", "0.1",
                "--class-weights", "0.1,0.5,2.0", "--poly-epsilon", "1", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        SoftmaxFocalLoss fl = SoftmaxFocalLoss.builder().gamma(2).alpha(0.25)
                .softLabelConvention(org.focalloss.core.SoftLabelConvention.PER_CLASS).labelSmoothing(0.1)
                .classWeights(0.1, 0.5, 2.0).polyEpsilon(1).build();
        double[] z = {1.5, -0.8, 0.2};
        String[] row = rows(out).get(0);
        assertEquals(2 * fl.loss(z, 1), Double.parseDouble(row[8]), 0);
        assertEquals(2 * fl.gradient(z, 1)[2], Double.parseDouble(row[11]), 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--label-smoothing,1.5          | label smoothing = 1.5 is out of range [0, 1]",
        "--convention,pytorch            | convention = \"pytorch\" is not one of torchvision, keras, kornia, smp, monai",
        "--positive-weight,-1            | positive weight = -1.0 is out of range [0, ∞)",
        "--reduced-threshold,2           | reduced threshold = 2.0 is out of range (0, 1]",
        "--poly-epsilon,-3               | poly epsilon = -3.0 is out of range [-1, ∞)",
        "--class-weights,1;2             | --class-weights needs --mode softmax (a sigmoid row has no class; use a weight column)",
        "--ignore-index,0.5              | ignore label = 0.5 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
        "--ignore-index,1                | ignore label = 1.0 is a valid target: choose a label outside [0, 1], e.g. -1 or 255",
        "--ignore-label,none             | ignore label = \"none\" is not a number (expected e.g. 1.5 or -0.8)",
    })
    void badOptionsAreOneLineWithStatusTwoAndNoOutput(String option, String message, @TempDir Path dir)
            throws IOException {
        String[] o = option.strip().split(",");
        assertRefusedInOneLine(dir, "target,logit\n1,0.5\n", message, "--mode", "sigmoid", o[0], o[1].replace(';', ','));
    }

    /** batch with these options on this input: exit status 2, the one-line message, no output file. */
    private static void assertRefusedInOneLine(Path dir, String csv, String message, String... options) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, csv);
        String[] args = Stream.concat(Stream.concat(Stream.of("batch"), Stream.of(options)),
                Stream.of("--in", in.toString(), "--out", out.toString())).toArray(String[]::new);
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.status());
        assertEquals(message.strip(), r.err().strip().replaceFirst("^[^:]*: ", ""));
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(out));
    }

    @Test
    void negativeWeightNamesTheRow(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, "target,logit,weight\n1,0.5,1\n0,0.5,-2\n");
        CliTest.Run r = CliTest.run("batch", "--mode", "sigmoid", "--in", in.toString(), "--out", out.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("in.csv, row 2 (line 3): weight = -2.0 is out of range [0, ∞)"), r.err());
        assertFalse(Files.exists(out));
    }

    private static final String SIGMOID_ROWS = "target,logit,weight\n1,0.3,2\n255,-7.5,3\n0,1.25,1\n0.4,-0.2,1\n255,40,0\n";

    @Test
    void ignoredSigmoidRowsGetZeroLossAndGradientAndTheOthersAreUnchanged(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, SIGMOID_ROWS);
        CliTest.Run r = CliTest.run("batch", "--mode", "sigmoid", "--ignore-index", "255", "--in", in.toString(),
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("target,logit,weight,p_t,ce,modulator,loss,grad", lines.get(0));
        assertEquals("255,-7.5,3,,,,0.0,0.0", lines.get(2), "ignored: loss and gradient 0, the undefined p_t, ce, modulator empty");
        assertEquals("255,40,0,,,,0.0,0.0", lines.get(5));
        SigmoidFocalLoss fl = SigmoidFocalLoss.defaults();
        double[][] kept = {{1, 0.3, 2}, {0, 1.25, 1}, {0.4, -0.2, 1}};
        int[] at = {1, 3, 4};
        double sum = 0;
        for (int k = 0; k < kept.length; k++) {
            String[] f = lines.get(at[k]).split(",");
            double x = kept[k][1];
            double t = kept[k][0];
            double w = kept[k][2];
            assertEquals(w * fl.loss(x, t), Double.parseDouble(f[6]), 0, "row " + at[k]);
            assertEquals(w * fl.gradient(x, t), Double.parseDouble(f[7]), 0, "row " + at[k]);
            sum += w * fl.loss(x, t);
        }
        assertTrue(r.out().contains("wrote 5 rows"), r.out());
        assertTrue(r.out().contains("2 ignored"), r.out());
        assertTrue(r.out().contains("mean " + org.focalloss.core.Fmt.full(sum / 3) + " over the 3 not ignored"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sigmoid | target,logit\\n1,0.3\\n0,-2\\n0.25,4\\n | 255",
        "sigmoid | target,logit\\n1,0.3\\n0,-2\\n0.25,4\\n | -1",
        "softmax | target,z0,z1,z2\\n2,0.1,-0.3,1.5\\n0,3,2,1\\n | -100",
        "softmax | target,z0,z1,z2\\n2,0.1,-0.3,1.5\\n0,3,2,1\\n | 255",
    })
    void anIgnoreIndexThatNoRowHasChangesNothing(String mode, String csv, String label, @TempDir Path dir)
            throws IOException {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv.replace("\\n", "\n"));
        Path plain = dir.resolve("plain.csv");
        Path ignoring = dir.resolve("ignoring.csv");
        assertEquals(0, CliTest.run("batch", "--mode", mode, "--in", in.toString(), "--out", plain.toString()).status());
        CliTest.Run r = CliTest.run("batch", "--mode", mode, "--ignore-index", label, "--in", in.toString(),
                "--out", ignoring.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(Files.readString(plain), Files.readString(ignoring));
        assertTrue(r.out().contains("0 ignored"), r.out());
    }

    @Test
    void softmaxIgnoreIndexMayBeNegativeOrAClassAndIsNeverNaN(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, "target,z0,z1,z2,weight\n-100,1,2,3,5\n1,0.5,-0.5,2,2\n-100,1e300,-1e300,0,1\n");
        CliTest.Run r = CliTest.run("batch", "--mode", "softmax", "--class-weights", "1,2,3", "--ignore-index", "-100",
                "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("-100,1,2,3,5,,,,0.0,0.0,0.0,0.0", lines.get(1));
        assertEquals("-100,1e300,-1e300,0,1,,,,0.0,0.0,0.0,0.0", lines.get(3));
        SoftmaxFocalLoss fl = SoftmaxFocalLoss.builder().gamma(2).alpha(0.25).classWeights(1, 2, 3).build();
        assertEquals(2 * fl.loss(new double[] {0.5, -0.5, 2}, 1), Double.parseDouble(lines.get(2).split(",")[8]), 0);

        // a class as the ignore index: its rows are left out, the others computed
        Files.writeString(in, "target,z0,z1\n0,1,2\n1,1,2\n");
        r = CliTest.run("batch", "--mode", "softmax", "--ignore-index", "0", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("0,1,2,,,,0.0,0.0,0.0", lines.get(1));
        assertEquals(SoftmaxFocalLoss.builder().gamma(2).alpha(0.25).build().loss(new double[] {1, 2}, 1),
                Double.parseDouble(lines.get(2).split(",")[6]), 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2.5      | ignore index = \"2.5\" is not a whole number (e.g. -100 or 255)",
        "x        | ignore index = \"x\" is not a whole number (e.g. -100 or 255)",
        "99999999999 | ignore index = 99999999999 is out of range [-2147483648, 2147483647]",
    })
    void badSoftmaxIgnoreIndexIsOneLineWithStatusTwoAndNoOutput(String index, String message, @TempDir Path dir)
            throws IOException {
        assertRefusedInOneLine(dir, "target,z0,z1\n1,0.5,0\n", message, "--mode", "softmax", "--ignore-index", index.strip());
    }
}
