package org.focalloss.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 796 torch reference cases of focal-loss-core (float64 torch autograd, see focal_reference.README.md):
 * the adapters' float32 loss and DJL-autograd gradient on the PyTorch engine against the core library's exact
 * double values at the same (float-rounded) logits, and the core values against the torch column.
 *
 * <p>Tolerance: |djl − exact| ≤ REL · (1 + κ) · |exact| + ABS, where κ = |x|·(1 + γ) bounds the size of the
 * exponents (softplus(z)·γ and the log-softmax terms) whose float32 rounding the result inherits, REL = 8
 * float32 ulps (8 · 2⁻²³ ≈ 9.5e-7) and ABS = 1e-30 (below it float32 is subnormal). The largest deviation
 * found is printed.
 */
class ReferenceCasesTest {

    static final double REL = 8 * Math.ulp(1f);
    static final double ABS = 1e-30;
    private static final double[] WORST = new double[4];   // loss abs, loss rel, grad abs, grad rel

    record Case(String kind, double gamma, double alpha, int target, double[] logits, double loss, double[] grad) {
        @Override
        public String toString() {
            return kind + " γ=" + gamma + " α=" + alpha + " t=" + target + " z=" + Arrays.toString(logits);
        }
    }

    static Stream<Arguments> cases(String kind) throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ReferenceCasesTest.class.getResourceAsStream("/focal_reference.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                if (f[0].equals(kind)) {
                    out.add(Arguments.of(new Case(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Integer.parseInt(f[3]), parse(f[4]), Double.parseDouble(f[5]), parse(f[6]))));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> sigmoidCases() throws Exception {
        return cases("sigmoid");
    }

    static Stream<Arguments> softmaxCases() throws Exception {
        return cases("softmax");
    }

    private static double[] parse(String s) {
        return Arrays.stream(s.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sigmoidCases")
    void sigmoidLossAndAutogradGradientEqualTheExactCoreValues(Case c) {
        float x = (float) c.logits()[0];
        DjlSigmoidFocalLoss.Builder b = DjlSigmoidFocalLoss.builder().gamma(c.gamma())
                .reduction(org.focalloss.batch.Reduction.SUM);
        SigmoidFocalLoss exact = c.alpha() < 0 ? new SigmoidFocalLoss(c.gamma(), 0.25, false)
                : new SigmoidFocalLoss(c.gamma(), c.alpha(), true);
        if (c.alpha() < 0) {
            b.noAlpha();
        } else {
            b.alpha(c.alpha());
        }
        // the exact library reproduces torch (float64) at the unrounded logit
        assertClose(c.loss(), exact.loss(c.logits()[0], c.target()), 1e-9, 1e-12, c + " core loss vs torch", -1);
        NDArray label = Djl.MANAGER.create(new float[] {c.target()});
        Djl.Eval e = Djl.evaluate(b.build(), new float[] {x}, new long[] {1}, label);
        double kappa = Math.abs(x) * (1 + c.gamma());
        assertClose(exact.loss(x, c.target()), e.loss(), REL * (1 + kappa), ABS, c + " loss", 0);
        assertClose(exact.gradient(x, c.target()), e.grad()[0], REL * (1 + kappa), ABS, c + " gradient", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxCases")
    void softmaxLossAndAutogradGradientEqualTheExactCoreValues(Case c) {
        int k = c.logits().length;
        float[] z = new float[k];
        double[] zd = new double[k];
        double maxAbs = 0;
        for (int j = 0; j < k; j++) {
            z[j] = (float) c.logits()[j];
            zd[j] = z[j];
            maxAbs = Math.max(maxAbs, Math.abs(z[j]));
        }
        SoftmaxFocalLoss exact = SoftmaxFocalLoss.of(c.gamma(), c.alpha());
        assertClose(c.loss(), exact.loss(c.logits(), c.target()), 1e-9, 1e-12, c + " core loss vs torch", -1);
        DjlSoftmaxFocalLoss loss = DjlSoftmaxFocalLoss.builder().gamma(c.gamma()).alpha(c.alpha())
                .reduction(org.focalloss.batch.Reduction.SUM).build();
        NDArray label = Djl.MANAGER.create(new int[] {c.target()});
        Djl.Eval e = Djl.evaluate(loss, z, new long[] {1, k}, label);
        double kappa = 2 * maxAbs * (1 + c.gamma());
        double[] g = exact.gradient(zd, c.target());
        assertClose(exact.loss(zd, c.target()), e.loss(), REL * (1 + kappa), ABS, c + " loss", 0);
        double scale = Arrays.stream(g).map(Math::abs).max().orElse(0);
        for (int j = 0; j < k; j++) {
            // each partial within the tolerance of the largest one: the gradient vector to float precision
            assertClose(g[j], e.grad()[j], 0, REL * (1 + kappa) * scale + ABS, c + " gradient[" + j + "]", 2);
        }
    }

    private static void assertClose(double expected, double actual, double rel, double abs, String what, int slot) {
        double err = Math.abs(actual - expected);
        assertTrue(err <= rel * Math.abs(expected) + abs,
                () -> what + ": expected " + expected + ", got " + actual + " (|Δ| = " + err + ")");
        if (slot >= 0) {
            synchronized (WORST) {
                WORST[slot] = Math.max(WORST[slot], err);
                if (Math.abs(expected) > 1e-30) {
                    WORST[slot + 1] = Math.max(WORST[slot + 1], err / Math.abs(expected));
                }
            }
        }
    }

    @AfterAll
    static void printWorstDeviation() {
        System.out.printf(java.util.Locale.ROOT, "DJL adapters vs exact core on the reference cases: loss max |Δ| %.3g,"
                + " max rel %.3g; gradient max |Δ| %.3g, max rel %.3g%n", WORST[0], WORST[1], WORST[2], WORST[3]);
    }
}
