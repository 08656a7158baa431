package org.focalloss.batch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.SoftmaxFocalLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A million seeded random inputs per form through the exact double path across the whole accepted range
 * ({@link WideRange}: logits to ±Double.MAX and subnormals, γ up to Double.MAX, α log-uniform near 0 and
 * 1, soft targets, 2 to 1,000 classes): loss and gradient finite (a softmax loss may be +∞ only when the
 * true logit lies more than Double.MAX below the largest, where CE itself exceeds the double range), the
 * loss non-negative, the modulator in [0, 1], and the analytic gradient equal to a Richardson-extrapolated
 * central finite difference. The worst finite-difference deviations are printed.
 */
class ExactPathPropertyTest {

    private static final int INPUTS = Integer.getInteger("focalloss.propertyInputs", 1_000_000);

    /** (4·D(h/2) − D(h))/3 with D(h) = (f(x+h) − f(x−h))/2h: error O(h⁴). */
    static double derivative(DoubleUnaryOperator f, double x, double h) {
        double d1 = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
        double d2 = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
        return (4 * d2 - d1) / 3;
    }

    /** Worst |fd − g| / tolerance. */
    static final class Fd {
        double worst;
        String where = "nothing compared";
        long compared;

        void check(double g, double fd, double f, double x, java.util.function.Supplier<String> what) {
            compared++;
            double tol = 1e-6 * Math.abs(g) + 1e-9 * Math.abs(f) / Math.max(1, Math.abs(x)) + 1e-12;
            double r = Math.abs(fd - g) / tol;
            if (!(r <= worst)) {
                worst = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
                where = what.get() + ": analytic " + g + ", finite difference " + fd;
            }
        }

        String report(String name) {
            return String.format(Locale.ROOT, "%s, exact path: %d finite differences, worst %.3g of the tolerance"
                    + " at %s", name, compared, worst, where);
        }
    }

    @ParameterizedTest(name = "soft targets: {0}")
    @ValueSource(booleans = {false, true})
    void sigmoidIsFiniteAndItsGradientIsTheDerivativeAcrossTheWholeRange(boolean soft) {
        SplittableRandom rnd = new SplittableRandom(soft ? 0xE5AC7L : 0xE5AC8L);
        Fd fd = new Fd();
        for (int k = 0; k < INPUTS; k++) {
            double x = WideRange.logit(rnd, Double.MAX_VALUE);
            double t = soft ? WideRange.softTarget(rnd) : rnd.nextInt(2);
            double gamma = WideRange.gamma(rnd, Double.MAX_VALUE);
            double alpha = WideRange.alpha(rnd);
            SigmoidFocalLoss fl = new SigmoidFocalLoss(gamma, alpha, rnd.nextInt(4) != 0);
            SigmoidFocalLoss.Terms r = fl.evaluate(x, t);
            java.util.function.Supplier<String> in = () -> "x=" + x + " t=" + t + " γ=" + gamma + " α="
                    + (fl.weighted() ? alpha : "off");
            assertTrue(Double.isFinite(r.loss()) && r.loss() >= 0 && Double.isFinite(r.gradient())
                    && r.modulator() >= 0 && r.modulator() <= 1, () -> "not finite at " + in.get() + ": " + r);
            // The function is analytic in x; beyond |x| ≈ 1e3 it is linear or constant, so a relative step works.
            if (Math.abs(x) < 1e300) {
                double h = 1e-5 * Math.max(1, Math.abs(x));
                fd.check(r.gradient(), derivative(v -> fl.loss(v, t), x, h), r.loss(), x, in);
            }
        }
        String name = soft ? "sigmoid, soft targets" : "sigmoid, hard targets";
        System.out.println(fd.report(name));
        assertTrue(fd.worst <= 1, fd.report(name));
    }

    @Test
    void softmaxIsFiniteAndItsGradientIsTheDerivativeAcrossTheWholeRange() {
        SplittableRandom rnd = new SplittableRandom(0xE5AC9L);
        Fd fd = new Fd();
        int done = 0;
        while (done < INPUTS) {
            int classes = 2 + rnd.nextInt(rnd.nextBoolean() ? 7 : 999);
            double[] z = new double[classes];
            boolean wide = rnd.nextInt(3) == 0;
            double scale = WideRange.logUniform(rnd, -30, 20);
            for (int j = 0; j < classes; j++) {
                z[j] = wide ? WideRange.logit(rnd, Double.MAX_VALUE) : scale * rnd.nextDouble(-1, 1);
            }
            int t = rnd.nextInt(classes);
            double gamma = WideRange.gamma(rnd, Double.MAX_VALUE);
            double alpha = WideRange.alpha(rnd);
            SoftmaxFocalLoss fl = SoftmaxFocalLoss.of(gamma, alpha);
            SoftmaxFocalLoss.Terms r = fl.evaluate(z, t);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            boolean overflow = z[t] - max == Double.NEGATIVE_INFINITY;   // CE > Double.MAX_VALUE
            int c = classes;
            java.util.function.Supplier<String> in = () -> c + " classes, target " + t + " γ=" + gamma + " α="
                    + alpha + " z=" + java.util.Arrays.toString(java.util.Arrays.copyOf(z, Math.min(c, 6)));
            assertTrue((Double.isFinite(r.loss()) || (overflow && r.loss() == Double.POSITIVE_INFINITY))
                    && r.loss() >= 0 && r.modulator() >= 0 && r.modulator() <= 1,
                    () -> "loss " + r.loss() + " at " + in.get());
            if (overflow) {
                // CE = max − z_t + log Σ exp(z_k − max) > Double.MAX, where log Σ ≤ log C is far below an ulp:
                // FL = α·(1 − p_t)^γ·CE in exact arithmetic, rounded once; +∞ only if that exceeds Double.MAX
                double truth = new java.math.BigDecimal(max).subtract(new java.math.BigDecimal(z[t]))
                        .multiply(new java.math.BigDecimal(alpha * r.modulator())).doubleValue();
                boolean nearMax = Math.abs(truth) > Double.MAX_VALUE * (1 - 1e-12);
                assertTrue(nearMax || (Double.isInfinite(truth) ? Double.isInfinite(r.loss())
                                : Math.abs(r.loss() - truth) <= 1e-12 * truth),
                        () -> "loss " + r.loss() + ", true " + truth + " at " + in.get());
            }
            double[] g = r.gradient();
            double sum = 0;
            double abs = 0;
            for (double v : g) {
                assertTrue(Double.isFinite(v), () -> "gradient " + v + " at " + in.get());
                sum += v;
                abs += Math.abs(v);
            }
            double s = sum;
            assertTrue(Math.abs(sum) <= 1e-12 * abs + 1e-300, () -> "gradient sums to " + s + " at " + in.get());
            // Finite differences where a step of 2^-17 (exact in binary) is resolvable: rows on one scale.
            for (int k = 0; !wide && k < 3; k++) {
                int j = rnd.nextInt(classes);
                double[] w = z.clone();
                double d = derivative(v -> {
                    w[j] = v;
                    return fl.loss(w, t);
                }, z[j], 0x1p-17);
                fd.check(g[j], d, r.loss(), 1, () -> in.get() + ", ∂/∂z" + j);
            }
            done += classes;
        }
        System.out.println(fd.report("softmax"));
        assertTrue(fd.worst <= 1, fd.report("softmax"));
    }
}
