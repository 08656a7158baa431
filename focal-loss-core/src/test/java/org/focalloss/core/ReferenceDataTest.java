package org.focalloss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * focal_reference.csv: losses and gradients from torch 1.13.1 autograd in float64 (torchvision's
 * sigmoid_focal_loss; softmax with scalar α on the true class). Copied from shared/reference.
 */
class ReferenceDataTest {

    record Row(int line, String kind, double gamma, double alpha, int target, double[] logits, double loss,
               double[] grad) {
        @Override
        public String toString() {
            return "line " + line + ": " + kind + " γ=" + gamma + " α=" + alpha + " t=" + target + " z="
                    + Arrays.toString(logits);
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ReferenceDataTest.class.getResourceAsStream("/focal_reference.csv"), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            assertEquals("kind,gamma,alpha,target,logits,loss,grad", header);
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                String[] f = line.split(",");
                rows.add(new Row(n, f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Integer.parseInt(f[3]),
                        parse(f[4]), Double.parseDouble(f[5]), parse(f[6])));
            }
        }
        return rows;
    }

    private static double[] parse(String s) {
        return Arrays.stream(s.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    static Stream<Row> sigmoidRows() throws IOException {
        return rows().stream().filter(r -> r.kind.equals("sigmoid"));
    }

    static Stream<Row> softmaxRows() throws IOException {
        return rows().stream().filter(r -> r.kind.equals("softmax"));
    }

    /** 1e-9 relative, 1e-12 absolute near zero, as the reference's README expects of an exact implementation. */
    static void assertMatches(double expected, double actual, Row row, String what) {
        assertEquals(expected, actual, 1e-12 + 1e-9 * Math.abs(expected), () -> what + " of " + row);
    }

    @Test
    void theFileHasBothKindsAndAllRows() throws IOException {
        List<Row> rows = rows();
        assertEquals(796, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.kind.equals("sigmoid")));
        assertTrue(rows.stream().anyMatch(r -> r.kind.equals("softmax")));
    }

    @ParameterizedTest
    @MethodSource("sigmoidRows")
    void sigmoidLossAndGradientMatchTorch(Row row) {
        SigmoidFocalLoss fl = row.alpha < 0 ? new SigmoidFocalLoss(row.gamma, 0, false)
                : new SigmoidFocalLoss(row.gamma, row.alpha, true);
        SigmoidFocalLoss.Terms terms = fl.evaluate(row.logits[0], row.target);
        assertMatches(row.loss, terms.loss(), row, "loss");
        assertMatches(row.grad[0], terms.gradient(), row, "gradient");
    }

    @ParameterizedTest
    @MethodSource("softmaxRows")
    void softmaxLossAndGradientMatchTorch(Row row) {
        SoftmaxFocalLoss.Terms terms = SoftmaxFocalLoss.of(row.gamma, row.alpha).evaluate(row.logits, row.target);
        assertMatches(row.loss, terms.loss(), row, "loss");
        for (int j = 0; j < row.grad.length; j++) {
            assertMatches(row.grad[j], terms.gradient()[j], row, "gradient " + j);
        }
    }
}
