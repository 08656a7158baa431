package example;

import org.focalloss.batch.BatchResult;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.core.FocalLoss;

/** Uses the one-line API and a batch kernel of focal-loss-core, and checks both against hand-derived values. */
public final class Consumer {

    private Consumer() {
    }

    public static void main(String[] args) {
        // FL(p_t = 0.9; γ = 2) = −(1 − 0.9)² ln 0.9
        double fl = FocalLoss.loss(0.9, 2.0);
        check("FocalLoss.loss(0.9, 2.0)", fl, 0.01 * -Math.log(0.9), 1e-15);

        // mean sigmoid focal loss (γ = 2, α = 0.25) of three logits, against the scalar API element by element
        double[] logits = {1.5, -0.8, 0.2};
        double[] targets = {1, 0, 1};
        BatchResult batch = SigmoidBatch.of(2.0, 0.25, Reduction.MEAN).compute(logits, targets);
        double mean = 0;
        for (int i = 0; i < logits.length; i++) {
            mean += FocalLoss.sigmoid(logits[i], targets[i], 2.0, 0.25) / logits.length;
        }
        check("SigmoidBatch mean loss", batch.loss(), mean, 1e-15);

        Module m = FocalLoss.class.getModule();
        System.out.printf("consumer ok: FL = %.12f, batch mean = %.12f, %s, fast path: %s%n", fl, batch.loss(),
                m.isNamed() ? "module " + m.getName() : "class path", SigmoidBatch.fastPath());
    }

    private static void check(String what, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            System.err.println("error: " + what + " = " + actual + ", expected " + expected);
            System.exit(1);
        }
    }
}
