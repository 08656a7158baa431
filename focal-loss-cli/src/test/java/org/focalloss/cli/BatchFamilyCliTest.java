package org.focalloss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    })
    void badOptionsAreOneLineWithStatusTwoAndNoOutput(String option, String message, @TempDir Path dir)
            throws IOException {
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(in, "target,logit\n1,0.5\n");
        String[] o = option.strip().split(",");
        CliTest.Run r = CliTest.run("batch", "--mode", "sigmoid", o[0], o[1].replace(';', ','), "--in", in.toString(),
                "--out", out.toString());
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
}
