package org.focalloss.curves;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.focalloss.batch.BatchResult;
import org.focalloss.batch.Reduction;
import org.focalloss.batch.SigmoidBatch;
import org.focalloss.core.Check;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.FocalOption;
import org.focalloss.core.Fmt;
import org.focalloss.core.LogitLoss;
import org.focalloss.core.Peer;
import org.focalloss.core.QualityFocalLoss;
import org.focalloss.core.SigmoidFocalLoss;
import org.focalloss.core.VarifocalLoss;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables of the focal family (notebook 05): the variants' losses and gradients over x_t, label
 * smoothing's effect on the modulator, the second derivative, smp's normalisation on a batch, and the
 * table of which library offers which option ({@link FocalOption}).
 */
public final class FamilyCurves {

    /** The x_t column. */
    public static final String XT = FocalCurves.XT;
    /** The p column of the label-smoothing table. */
    public static final String P = "p";

    private FamilyCurves() {
    }

    /**
     * One curve: a loss, the target it is drawn for, and its label.
     *
     * @param label the legend label, e.g. "reduced FL, th = 0.5"
     * @param loss the loss
     * @param target the target t the curve is drawn for (x_t = x for a positive)
     */
    public record Curve(String label, LogitLoss loss, double target) {

        /**
         * @throws NullPointerException if the label or loss is null
         * @throws org.focalloss.core.InvalidArgumentException if the target is outside [0, 1]
         */
        public Curve {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(loss, "loss");
            Check.unitInterval("target", target);
        }
    }

    /**
     * The family as notebook 05 draws it, each for a positive example (target 1) unless it needs a soft
     * target: CE, FL (γ = 2), FL* (γ = 2, β = 1), reduced FL (γ = 2, th = 0.5), Poly-1 focal (γ = 2, ε = 1),
     * QFL (β = 2) and VFL (α = 0.75, γ = 2) for an IoU target of 0.8.
     *
     * @return the curves
     */
    public static List<Curve> defaultFamily() {
        return List.of(
                new Curve("CE", new SigmoidFocalLoss(0, 0, false), 1),
                new Curve("FL, γ = 2", new SigmoidFocalLoss(2, 0, false), 1),
                new Curve("FL*, γ = 2, β = 1", new FocalLossStar(2, 1), 1),
                new Curve("reduced FL, th = 0.5", SigmoidFocalLoss.smp(2, Double.NaN, 0.5), 1),
                new Curve("Poly-1 FL, ε = 1", SigmoidFocalLoss.builder().gamma(2).noAlpha().polyEpsilon(1).build(), 1),
                new Curve("QFL, β = 2, y = 0.8", new QualityFocalLoss(2), 0.8),
                new Curve("VFL, q = 0.8", VarifocalLoss.defaults(), 0.8));
    }

    /**
     * @param label a curve's label
     * @return the name of its gradient column
     */
    public static String gradientColumn(String label) {
        return "d/dx " + label;
    }

    /**
     * Losses and gradients over x (= x_t for a positive) on an even grid.
     *
     * @param curves the curves
     * @param xMin the first x
     * @param xMax the last x, &gt; xMin
     * @param points the number of points, at least 2
     * @return columns x_t, then per curve its loss (named by its label) and its gradient
     * @throws org.focalloss.core.InvalidArgumentException if the range or the count is invalid
     */
    public static Table overXt(List<Curve> curves, double xMin, double xMax, int points) {
        Check.finite("x minimum", xMin);
        Check.finite("x maximum", xMax);
        Check.nonEmpty("x range", xMin, xMax);
        Check.atLeast("points", points, 2);
        double[] x = grid(xMin, xMax, points);
        Table t = Table.create("The focal family over x_t").addColumns(DoubleColumn.create(XT, x));
        for (Curve c : curves) {
            double[] l = new double[points];
            double[] g = new double[points];
            for (int i = 0; i < points; i++) {
                double[] lg = c.loss().lossAndGradient(x[i], c.target());
                l[i] = lg[0];
                g[i] = lg[1];
            }
            t.addColumns(DoubleColumn.create(c.label(), l), DoubleColumn.create(gradientColumn(c.label()), g));
        }
        return t;
    }

    /**
     * Keras' binary label smoothing on a positive: the target becomes t' = 1 − s/2, so the modulator
     * (1 − p_t)^γ with p_t = t'·p + (1 − t')·(1 − p) no longer reaches 0 as p → 1 but (s/2)^γ, and the loss
     * is smallest at p = t' instead of p = 1.
     *
     * @param gamma γ ≥ 0
     * @param smoothings the s values, each in [0, 1]
     * @return columns p (0.001 … 0.999), then "modulator s=…" and "FL s=…" per s
     * @throws org.focalloss.core.InvalidArgumentException if γ or an s is out of range
     */
    public static Table labelSmoothing(double gamma, double... smoothings) {
        Check.gamma(gamma);
        int n = 999;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (i + 1) / 1000.0;
        }
        Table t = Table.create("Label smoothing and the modulator, γ = " + Fmt.trimmed(gamma, 3))
                .addColumns(DoubleColumn.create(P, p));
        for (double s : smoothings) {
            SigmoidFocalLoss fl = SigmoidFocalLoss.keras(gamma, 0.25, false, s);
            double[] m = new double[n];
            double[] l = new double[n];
            for (int i = 0; i < n; i++) {
                double x = Math.log(p[i] / (1 - p[i]));
                SigmoidFocalLoss.Terms terms = fl.evaluate(x, 1);
                m[i] = terms.modulator();
                l[i] = terms.loss();
            }
            t.addColumns(DoubleColumn.create(modulatorColumn(s), m), DoubleColumn.create(lossColumn(s), l));
        }
        return t;
    }

    /**
     * @param s label smoothing
     * @return the modulator column's name in {@link #labelSmoothing(double, double...)}
     */
    public static String modulatorColumn(double s) {
        return "modulator s=" + Fmt.trimmed(s, 3);
    }

    /**
     * @param s label smoothing
     * @return the loss column's name in {@link #labelSmoothing(double, double...)}
     */
    public static String lossColumn(double s) {
        return "FL s=" + Fmt.trimmed(s, 3);
    }

    /**
     * @param gamma γ
     * @return the column name of d²FL/dx² in {@link #curvature(double...)}
     */
    public static String curvatureColumn(double gamma) {
        return "d2FL/dx2 γ=" + Fmt.trimmed(gamma, 3);
    }

    /**
     * d²FL/dx² of the sigmoid focal loss (no α) for a positive, over x_t ∈ [−6, 6].
     *
     * @param gammas the γ values
     * @return columns x_t and one curvature column per γ
     * @throws org.focalloss.core.InvalidArgumentException if a γ is out of range
     */
    public static Table curvature(double... gammas) {
        Check.gammas(gammas);
        double[] x = grid(-6, 6, 481);
        Table t = Table.create("d²FL/dx² over x_t").addColumns(DoubleColumn.create(XT, x));
        for (double g : gammas) {
            SigmoidFocalLoss fl = new SigmoidFocalLoss(g, 0, false);
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = fl.secondDerivative(x[i], 1);
            }
            t.addColumns(DoubleColumn.create(curvatureColumn(g), d));
        }
        return t;
    }

    /**
     * smp's normalised focal loss on a small batch: one hard positive among easy negatives, the sum of
     * the losses with and without the normalisation, and each element's share.
     *
     * @param logits the logits
     * @param targets the targets
     * @param gamma γ
     * @return columns x, t, modulator, FL, FL / Σ modulators, share of FL, share of normalised FL
     * @throws org.focalloss.core.InvalidArgumentException if an element is invalid
     */
    public static Table normalised(double[] logits, double[] targets, double gamma) {
        SigmoidFocalLoss fl = SigmoidFocalLoss.smp(gamma, Double.NaN, Double.NaN);
        BatchResult plain = SigmoidBatch.builder().loss(fl).reduction(Reduction.SUM).build().compute(logits, targets);
        BatchResult norm = SigmoidBatch.builder().loss(fl).normalized().reduction(Reduction.SUM).build()
                .compute(logits, targets);
        double[] m = new double[logits.length];
        double[] shareFl = new double[logits.length];
        double[] shareN = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            m[i] = fl.evaluate(logits[i], targets[i]).modulator();
            shareFl[i] = plain.losses()[i] / plain.loss();
            shareN[i] = norm.losses()[i] / norm.loss();
        }
        return Table.create("smp's normalised focal loss: Σ FL = " + Fmt.value(plain.loss()) + ", Σ FL / Σ m = "
                + Fmt.value(norm.loss())).addColumns(FocalTables.parameters("x", logits),
                FocalTables.parameters("t", targets), FocalTables.values("modulator m", m),
                FocalTables.values("FL", plain.losses()), FocalTables.values("FL / Σ m", norm.losses()),
                FocalTables.values("share of Σ FL", shareFl), FocalTables.values("share, normalised", shareN));
    }

    /**
     * Which library offers which option under which name ({@link FocalOption}), "—" where it does not.
     *
     * @return columns option, this library, then one per {@link Peer}
     */
    public static Table options() {
        StringColumn option = StringColumn.create("option");
        StringColumn here = StringColumn.create("here");
        List<StringColumn> peers = new ArrayList<>();
        for (Peer p : Peer.values()) {
            peers.add(StringColumn.create(p.label()));
        }
        for (FocalOption o : FocalOption.values()) {
            option.append(o.option());
            here.append(o.here());
            for (Peer p : Peer.values()) {
                String name = o.nameIn(p);
                peers.get(p.ordinal()).append(name == null ? "—" : name);
            }
        }
        Table t = Table.create("Focal-loss options across libraries").addColumns(option, here);
        peers.forEach(t::addColumns);
        return t;
    }

    /**
     * How many of the options in {@link FocalOption} each library offers, and this library.
     *
     * @return columns library, options offered, of
     */
    public static Table coverage() {
        StringColumn lib = StringColumn.create("library");
        double[] count = new double[Peer.values().length + 1];
        for (Peer p : Peer.values()) {
            lib.append(p.label());
            for (FocalOption o : FocalOption.values()) {
                count[p.ordinal()] += o.offeredBy(p) ? 1 : 0;
            }
        }
        lib.append("focal-loss (here)");
        count[count.length - 1] = FocalOption.values().length;
        double[] of = new double[count.length];
        java.util.Arrays.fill(of, FocalOption.values().length);
        return Table.create("Options offered").addColumns(lib, FocalTables.parameters("options offered", count),
                FocalTables.parameters("of", of));
    }

    private static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }
}
