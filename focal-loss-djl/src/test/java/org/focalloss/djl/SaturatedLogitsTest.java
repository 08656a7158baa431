package org.focalloss.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.focalloss.batch.Reduction;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saturated logits, where float32 rounds p_t to 1 (easy) or log p_t to −|x| (hard): the loss and its DJL
 * autograd gradient are finite and equal the core library's closed-form values for γ ∈ {0, 0.5, 1, 2, 5},
 * while the naive {@code pow(1 − p_t, γ)} autograd is NaN at the two cases measured in torch (issue 11).
 * Tolerance as in {@link ReferenceCasesTest}.
 */
class SaturatedLogitsTest {

    static final double[] GAMMAS = {0, 0.5, 1, 2, 5};
    static final float[] LOGITS = {-10000f, -100f, -30f, -20f, -17f, 0f, 17f, 20f, 30f, 100f, 10000f};

    static Stream<Arguments> sigmoidCases() {
        List<Arguments> out = new ArrayList<>();
        for (double g : GAMMAS) {
            for (float x : LOGITS) {
                out.add(Arguments.of(g, x, 0));
                out.add(Arguments.of(g, x, 1));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "γ={0} x={1} y={2}")
    @MethodSource("sigmoidCases")
    void sigmoidLossAndGradientAreFiniteAndEqualTheClosedForm(double gamma, float x, int y) {
        DjlSigmoidFocalLoss loss = DjlSigmoidFocalLoss.builder().gamma(gamma).alpha(0.25).reduction(Reduction.SUM)
                .build();
        Djl.Eval e = Djl.evaluate(loss, new float[] {x}, new long[] {1}, Djl.MANAGER.create(new float[] {y}));
        SigmoidFocalLoss exact = new SigmoidFocalLoss(gamma, 0.25, true);
        assertTrue(Double.isFinite(e.loss()) && Float.isFinite(e.grad()[0]), "loss " + e.loss() + ", grad " + e.grad()[0]);
        double tol = ReferenceCasesTest.REL * (1 + Math.abs(x) * (1 + gamma));
        assertClose(exact.loss(x, y), e.loss(), tol, "loss");
        assertClose(exact.gradient(x, y), e.grad()[0], tol, "gradient");
    }

    static Stream<Arguments> softmaxCases() {
        List<Arguments> out = new ArrayList<>();
        float[][] rows = {{30, 0, -30}, {-30, 30, 0}, {100, -100, 0}, {10000, 0, -10000}, {20, 20, -20}};
        for (double g : GAMMAS) {
            for (float[] z : rows) {
                out.add(Arguments.of(g, z, 0));
                out.add(Arguments.of(g, z, 2));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "γ={0} z={1} t={2}")
    @MethodSource("softmaxCases")
    void softmaxLossAndGradientAreFiniteAndEqualTheClosedForm(double gamma, float[] z, int t) {
        DjlSoftmaxFocalLoss loss = DjlSoftmaxFocalLoss.builder().gamma(gamma).alpha(0.5).reduction(Reduction.SUM)
                .build();
        Djl.Eval e = Djl.evaluate(loss, z, new long[] {1, z.length}, Djl.MANAGER.create(new int[] {t}));
        double[] zd = new double[z.length];
        double maxAbs = 0;
        for (int j = 0; j < z.length; j++) {
            zd[j] = z[j];
            maxAbs = Math.max(maxAbs, Math.abs(z[j]));
        }
        SoftmaxFocalLoss exact = SoftmaxFocalLoss.of(gamma, 0.5);
        double tol = ReferenceCasesTest.REL * (1 + 2 * maxAbs * (1 + gamma));
        assertTrue(Double.isFinite(e.loss()), "loss " + e.loss());
        assertClose(exact.loss(zd, t), e.loss(), tol, "loss");
        double[] g = exact.gradient(zd, t);
        for (int j = 0; j < z.length; j++) {
            assertTrue(Float.isFinite(e.grad()[j]), "grad[" + j + "] = " + e.grad()[j]);
            assertClose(g[j], e.grad()[j], tol, "gradient[" + j + "]");
        }
    }

    /** The two float32 cases measured with torch: naive autograd is NaN there, the adapter is not. */
    @ParameterizedTest(name = "x={0} y={1} γ={2}")
    @MethodSource("naiveCases")
    void naivePowAutogradIsNaNWhereTheStableFormIsFinite(float x, int y, double gamma) {
        Djl.Eval naive = Djl.evaluate(v -> {
            NDArray p = v.getNDArrayInternal().sigmoid();
            NDArray pt = y == 1 ? p : p.neg().add(1);
            // pow(Number) would let the GC free the exponent autograd keeps (see StableOps)
            return pt.neg().add(1).pow(StableOps.constant(v, gamma)).mul(pt.log().neg()).sum();
        }, new float[] {x}, new long[] {1});
        assertTrue(Float.isNaN(naive.grad()[0]), "naive gradient " + naive.grad()[0]);
        Djl.Eval stable = Djl.evaluate(DjlSigmoidFocalLoss.builder().gamma(gamma).noAlpha().reduction(Reduction.SUM)
                .build(), new float[] {x}, new long[] {1}, Djl.MANAGER.create(new float[] {y}));
        assertTrue(Float.isFinite(stable.grad()[0]));
        assertClose(new SigmoidFocalLoss(gamma, 0.25, false).gradient(x, y), stable.grad()[0],
                ReferenceCasesTest.REL * (1 + Math.abs(x) * (1 + gamma)), "gradient");
    }

    static Stream<Arguments> naiveCases() {
        return Stream.of(Arguments.of(30f, 1, 0.5), Arguments.of(20f, 0, 2.0));
    }

    private static final double[] WORST = new double[2];

    @org.junit.jupiter.api.AfterAll
    static void printWorstDeviation() {
        System.out.printf(java.util.Locale.ROOT, "DJL adapters vs exact core at saturated logits: max |Δ| %.3g,"
                + " max rel %.3g (values above 1e-30)%n", WORST[0], WORST[1]);
    }

    private static void assertClose(double expected, double actual, double rel, String what) {
        double err = Math.abs(actual - expected);
        synchronized (WORST) {
            WORST[0] = Math.max(WORST[0], err);
            if (Math.abs(expected) > 1e-30) {
                WORST[1] = Math.max(WORST[1], err / Math.abs(expected));
            }
        }
        assertTrue(err <= rel * Math.abs(expected) + ReferenceCasesTest.ABS,
                () -> what + ": expected " + expected + ", got " + actual);
    }
}
