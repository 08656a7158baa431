package org.focalloss.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.focalloss.batch.BatchResult;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.batch.SoftmaxBatch;
import org.focalloss.core.BinarySoftLabelRule;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.LogitLoss;
import org.focalloss.core.QualityFocalLoss;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftLabelConvention;
import org.focalloss.core.SoftmaxFocalLoss;
import org.focalloss.core.VarifocalLoss;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * focal_family_reference.csv: every new option against the peers' formulas evaluated with mpmath at 40
 * digits (focal-loss-core/src/test/reference/focal_family_reference.py), gradients and second derivatives from mpmath's
 * numerical differentiation. Tolerance: 1e-9 relative plus 1e-13 absolute. The largest deviation per
 * family and convention is printed after the run (the figures of the README's family table).
 */
class FamilyReferenceTest {

    static final double REL = 1e-9;
    static final double ABS = 1e-13;
    static final Map<String, Double> WORST = new TreeMap<>();

    record Row(int line, String family, Map<String, String> options, double[] logits, double[] target,
               double[] weights, double loss, double[] grad, double second) {
        @Override
        public String toString() {
            return "line " + line + ": " + family + " " + options + " x=" + Arrays.toString(logits) + " t="
                    + Arrays.toString(target);
        }

        String key() {
            return family + "/" + options.getOrDefault("conv", "-");
        }

        double num(String k) {
            String v = options.get(k);
            return v == null || v.equals("none") ? Double.NaN : Double.parseDouble(v);
        }

        double[] vec(String k) {
            String v = options.get(k);
            return v == null || v.equals("none") ? null : parse(v);
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                FamilyReferenceTest.class.getResourceAsStream("/focal_family_reference.csv"), StandardCharsets.UTF_8))) {
            assertEquals("family,options,logits,target,weights,loss,grad,second", in.readLine());
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                String[] f = line.split(",", -1);
                Map<String, String> o = new HashMap<>();
                for (String kv : f[1].split(" ")) {
                    String[] p = kv.split("=", 2);
                    o.put(p[0], p[1]);
                }
                rows.add(new Row(n, f[0], o, parse(f[2]), parse(f[3]), f[4].isEmpty() ? null : parse(f[4]),
                        Double.parseDouble(f[5]), parse(f[6]), f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7])));
            }
        }
        return rows;
    }

    static double[] parse(String s) {
        return Arrays.stream(s.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    static Stream<Row> elementRows() throws IOException {
        return rows().stream().filter(r -> !r.family.endsWith("_batch") && !r.family.equals("softmax"));
    }

    static Stream<Row> softmaxRows() throws IOException {
        return rows().stream().filter(r -> r.family.equals("softmax"));
    }

    static Stream<Row> batchRows() throws IOException {
        return rows().stream().filter(r -> r.family.endsWith("_batch"));
    }

    static void close(Row r, String what, double expected, double actual) {
        double dev = Math.abs(actual - expected);
        WORST.merge(r.key() + " " + what, dev / (Math.abs(expected) + 1e-12), Math::max);
        assertTrue(dev <= REL * Math.abs(expected) + ABS, () -> r + ": " + what + " expected " + expected + " got "
                + actual);
    }

    static SigmoidFocalLoss sigmoid(Row r) {
        double g = r.num("gamma");
        double a = r.num("alpha");
        SigmoidFocalLoss.Builder b = SigmoidFocalLoss.builder().gamma(g);
        if (Double.isNaN(a)) {
            b.noAlpha();
        } else {
            b.alpha(a);
        }
        return switch (r.options.get("conv")) {
            case "torchvision" -> SigmoidFocalLoss.torchvision(g, Double.isNaN(a) ? -1 : a);
            case "keras" -> SigmoidFocalLoss.keras(g, Double.isNaN(a) ? 0.25 : a, !Double.isNaN(a), r.num("ls"));
            case "kornia" -> b.softLabelRule(BinarySoftLabelRule.SEPARATE_TERMS).positiveWeight(
                    r.options.containsKey("pw") ? r.num("pw") : 1).build();
            case "smp" -> SigmoidFocalLoss.smp(g, a, r.num("th"));
            case "monai" -> SigmoidFocalLoss.monai(g, a);
            case "poly1" -> b.polyEpsilon(r.num("eps")).build();
            default -> throw new AssertionError(r.options);
        };
    }

    static LogitLoss element(Row r) {
        return switch (r.family) {
            case "sigmoid" -> sigmoid(r);
            case "star" -> Double.isNaN(r.num("alpha")) ? new FocalLossStar(r.num("gamma"), r.num("beta"))
                    : new FocalLossStar(r.num("gamma"), r.num("beta")).withAlpha(r.num("alpha"));
            case "qfl" -> new QualityFocalLoss(r.num("beta"));
            case "vfl" -> new VarifocalLoss(r.num("alpha"), r.num("gamma"), Boolean.parseBoolean(r.options.get("iou")));
            default -> throw new AssertionError(r.family);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementRows")
    void elementLossGradientAndCurvatureMatchThePeersFormula(Row r) {
        LogitLoss fl = element(r);
        double x = r.logits[0];
        double t = r.target[0];
        double[] lg = fl.lossAndGradient(x, t);
        close(r, "loss", r.loss, lg[0]);
        close(r, "grad", r.grad[0], lg[1]);
        close(r, "loss()", r.loss, fl.loss(x, t));
        close(r, "gradient()", r.grad[0], fl.gradient(x, t));
        if (!Double.isNaN(r.second)) {
            close(r, "d2", r.second, ((SigmoidFocalLoss) fl).secondDerivative(x, t));
        }
    }

    static SoftmaxFocalLoss softmax(Row r, int classes) {
        double g = r.num("gamma");
        double a = r.num("alpha");
        return switch (r.options.get("conv")) {
            case "keras" -> SoftmaxFocalLoss.keras(g, a, r.num("ls"));
            case "kornia" -> SoftmaxFocalLoss.kornia(a, g, classes).withClassWeights(r.vec("cw"));
            case "monai" -> SoftmaxFocalLoss.monai(g, a, classes).withClassWeights(r.vec("cw"));
            case "ptform" -> {
                SoftmaxFocalLoss.Builder b = SoftmaxFocalLoss.builder().gamma(g)
                        .softLabelConvention(SoftLabelConvention.TRUE_CLASS);
                if (Double.isNaN(a)) {
                    b.noAlpha();
                } else {
                    b.alpha(a);
                }
                if (r.vec("cw") != null) {
                    b.classWeights(r.vec("cw"));
                }
                yield b.build();
            }
            case "poly1" -> SoftmaxFocalLoss.builder().gamma(0).noAlpha().polyEpsilon(r.num("eps")).build();
            default -> throw new AssertionError(r.options);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxRows")
    void softmaxLossAndGradientMatchThePeersFormula(Row r) {
        SoftmaxFocalLoss fl = softmax(r, r.logits.length);
        SoftmaxFocalLoss.SoftTerms s = fl.evaluate(r.logits, r.target);
        close(r, "loss", r.loss, s.loss());
        double[] g = s.gradient();
        for (int j = 0; j < g.length; j++) {
            close(r, "grad", r.grad[j], g[j]);
        }
        int hot = -1;
        for (int j = 0; j < r.target.length; j++) {
            if (r.target[j] == 1) {
                hot = j;
            }
        }
        if (hot >= 0) {     // a one-hot row: the class-index entry point gives the same
            SoftmaxFocalLoss.Terms t = fl.evaluate(r.logits, hot);
            close(r, "loss(int)", r.loss, t.loss());
            for (int j = 0; j < g.length; j++) {
                close(r, "grad(int)", r.grad[j], t.gradient()[j]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchRows")
    void batchReductionsWeightsAndNormalisationMatchThePeers(Row r) {
        Reduction red = r.options.get("reduction").equals("mean") ? Reduction.MEAN : Reduction.SUM;
        BatchResult b;
        if (r.family.equals("sigmoid_batch")) {
            SigmoidBatch.Builder builder = SigmoidBatch.builder().loss(sigmoid(r)).reduction(red);
            if ("true".equals(r.options.get("normalized"))) {
                builder.normalized();
            }
            if (r.vec("cw") != null) {
                builder.classWeights(r.vec("cw"));
            }
            b = builder.build().compute(r.logits, r.target, r.weights);
        } else {
            int c = (int) r.num("classes");
            int[] ys = Arrays.stream(r.target).mapToInt(v -> (int) v).toArray();
            b = SoftmaxBatch.builder().gamma(r.num("gamma")).alpha(r.num("alpha")).labelSmoothing(r.num("ls"))
                    .softLabelConvention(SoftLabelConvention.PER_CLASS).reduction(red).build()
                    .compute(r.logits, ys, r.weights, c);
        }
        close(r, "loss", r.loss, b.loss());
        for (int i = 0; i < r.grad.length; i++) {
            close(r, "grad", r.grad[i], b.gradient()[i]);
        }
    }

    @Test
    void everyFamilyIsCovered() throws IOException {
        List<String> keys = rows().stream().map(Row::key).distinct().sorted().toList();
        assertEquals(List.of("qfl/-", "sigmoid/keras", "sigmoid/kornia", "sigmoid/monai", "sigmoid/poly1",
                "sigmoid/smp", "sigmoid/torchvision", "sigmoid_batch/kornia", "sigmoid_batch/smp",
                "sigmoid_batch/torchvision", "softmax/keras", "softmax/kornia", "softmax/monai", "softmax/poly1",
                "softmax/ptform", "softmax_batch/keras", "star/-", "vfl/-"), keys);
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("Largest relative deviation from focal_family_reference.csv:\n");
        WORST.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT, "  %-40s %.2e%n", k, v)));
        System.out.print(sb);
    }
}
