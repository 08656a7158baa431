package org.focalloss.curves;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.focalloss.core.Check;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.Fmt;
import org.focalloss.core.InvalidArgumentException;
import org.focalloss.core.SigmoidFocalLoss;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Loss curves sampled into Tablesaw tables, one row per sample and one column per curve, ready for
 * plotting or printing.
 *
 * <p>Over p_t ({@link #overPt(double...)}): CE, FL for each γ, and optionally the modulator (1 − p_t)^γ and
 * the gradient dFL/dx_t. The left edge uses log(max(p_t, 10⁻¹⁰)), so p_t = 0 is sampled at 10⁻¹⁰
 * (CE ≈ 23) instead of producing an infinity, and values above the y ceiling become missing values
 * (breaks in a chart) rather than a steep line off the top of the plot.
 *
 * <p>Over x_t ({@link #overXt()}): CE, FL and FL* and their derivatives as functions of x_t = y·x, for the
 * paper's appendix figures 5 and 6.
 *
 * <pre>{@code
 * Table fig1 = FocalCurves.overPt(0, 0.5, 1, 2, 5);            // the paper's Fig. 1
 * Table t = FocalCurves.overPt(PtCurves.builder().gammas(2).modulator(true).gradient(true).yCeiling(5).build());
 * }</pre>
 */
public final class FocalCurves {

    /** The smallest p_t evaluated: log(max(p_t, 1e-10)) at the left edge. */
    public static final double MIN_PT = 1e-10;

    /** Name of the p_t column. */
    public static final String PT = "p_t";
    /** Name of the x_t column. */
    public static final String XT = "x_t";
    /** Name of the cross-entropy column. */
    public static final String CE = "CE";
    /** Name of the column of CE's gradient. */
    public static final String CE_GRADIENT = "dCE/dx_t";

    private FocalCurves() {
    }

    /**
     * @param gamma γ
     * @return the column name of FL with this γ, e.g. {@code "FL γ=2"}
     */
    public static String flColumn(double gamma) {
        return "FL γ=" + Fmt.trimmed(gamma, 3);
    }

    /**
     * @param gamma γ
     * @return the column name of the modulator with this γ, e.g. {@code "(1-p_t)^γ γ=2"}
     */
    public static String modulatorColumn(double gamma) {
        return "(1-p_t)^γ γ=" + Fmt.trimmed(gamma, 3);
    }

    /**
     * @param gamma γ
     * @return the column name of dFL/dx_t with this γ, e.g. {@code "dFL/dx_t γ=2"}
     */
    public static String gradientColumn(double gamma) {
        return "dFL/dx_t γ=" + Fmt.trimmed(gamma, 3);
    }

    /**
     * @param star FL* parameters
     * @return the column name of FL* with them, e.g. {@code "FL* γ=2 β=1"}
     */
    public static String starColumn(FocalLossStar star) {
        return "FL* γ=" + Fmt.trimmed(star.gamma(), 3) + " β=" + Fmt.trimmed(star.beta(), 3);
    }

    /**
     * @param star FL* parameters
     * @return the column name of dFL*&#47;dx_t, e.g. "dFL*&#47;dx_t γ=2 β=1"
     */
    public static String starGradientColumn(FocalLossStar star) {
        return "dFL*/dx_t γ=" + Fmt.trimmed(star.gamma(), 3) + " β=" + Fmt.trimmed(star.beta(), 3);
    }

    /**
     * CE and FL for each γ over p_t ∈ (0, 1], 501 samples, y ceiling 5.
     *
     * @param gammas the γ values, each ≥ 0
     * @return columns p_t, CE, FL γ=… for each γ
     * @throws InvalidArgumentException if a γ is out of range
     */
    public static Table overPt(double... gammas) {
        return overPt(PtCurves.builder().gammas(gammas).build());
    }

    /**
     * Curves over p_t with every option.
     *
     * @param options what to sample
     * @return columns p_t, CE, then FL γ=… for each γ, then (if asked) the modulators and the gradients
     */
    public static Table overPt(PtCurves options) {
        int n = options.points();
        double[] pt = new double[n];
        for (int i = 0; i < n; i++) {
            double p = options.ptMin() + (options.ptMax() - options.ptMin()) * i / (n - 1);
            pt[i] = Math.max(p, MIN_PT);
        }
        Table table = Table.create("Focal loss over p_t");
        table.addColumns(FocalTables.parameters(PT, pt));
        double ceiling = options.yCeiling();
        table.addColumns(column(CE, pt, p -> FocalLoss.crossEntropy(p), ceiling));
        for (double g : options.gammas()) {
            table.addColumns(column(flColumn(g), pt, p -> FocalLoss.loss(p, g, options.alpha()), ceiling));
        }
        if (options.modulator()) {
            for (double g : options.gammas()) {
                table.addColumns(column(modulatorColumn(g), pt, p -> FocalLoss.modulator(p, g), Double.POSITIVE_INFINITY));
            }
        }
        if (options.gradient()) {
            table.addColumns(column(CE_GRADIENT, pt, p -> FocalLoss.logitGradient(p, 0), Double.POSITIVE_INFINITY));
            for (double g : options.gammas()) {
                table.addColumns(column(gradientColumn(g), pt, p -> FocalLoss.logitGradient(p, g),
                        Double.POSITIVE_INFINITY));
            }
        }
        return table;
    }

    /**
     * The appendix curves over x_t ∈ [−5, 5]: CE, FL with γ = 2, FL* with (γ, β) = (2, 1) and (4, 0), and their
     * derivatives with respect to x_t (Fig. 5 and 6 of the paper).
     *
     * @return columns x_t, CE, FL γ=2, FL* γ=2 β=1, FL* γ=4 β=0, dCE/dx_t, dFL/dx_t γ=2, dFL*&#47;dx_t …
     */
    public static Table overXt() {
        return overXt(-5, 5, 401, new double[] {2}, List.of(new FocalLossStar(2, 1), new FocalLossStar(4, 0)));
    }

    /**
     * Curves over x_t with chosen parameters.
     *
     * @param xtMin left end of x_t, finite
     * @param xtMax right end of x_t, finite and greater than xtMin
     * @param points samples, at least 2
     * @param flGammas γ values of FL curves
     * @param stars FL* parameter pairs
     * @return columns x_t, CE, FL γ=…, FL* γ=… β=…, dCE/dx_t, dFL/dx_t γ=…, dFL*&#47;dx_t γ=… β=…
     * @throws InvalidArgumentException if the range, point count or a γ is out of range
     */
    public static Table overXt(double xtMin, double xtMax, int points, double[] flGammas, List<FocalLossStar> stars) {
        Check.finite("x_t minimum", xtMin);
        Check.finite("x_t maximum", xtMax);
        Check.nonEmpty("x_t range", xtMin, xtMax);
        Check.atLeast("points", points, 2);
        for (double g : flGammas) {
            Check.gamma(g);
        }
        Objects.requireNonNull(stars, "stars");
        double[] xt = new double[points];
        for (int i = 0; i < points; i++) {
            xt[i] = xtMin + (xtMax - xtMin) * i / (points - 1);
        }
        double inf = Double.POSITIVE_INFINITY;
        Table table = Table.create("Focal loss over x_t");
        table.addColumns(FocalTables.parameters(XT, xt));
        SigmoidFocalLoss ce = new SigmoidFocalLoss(0, 0, false);
        table.addColumns(column(CE, xt, x -> ce.loss(x, 1), inf));
        for (double g : flGammas) {
            SigmoidFocalLoss fl = new SigmoidFocalLoss(g, 0, false);
            table.addColumns(column(flColumn(g), xt, x -> fl.loss(x, 1), inf));
        }
        for (FocalLossStar s : stars) {
            table.addColumns(column(starColumn(s), xt, s::lossAtXt, inf));
        }
        table.addColumns(column(CE_GRADIENT, xt, x -> ce.gradient(x, 1), inf));
        for (double g : flGammas) {
            SigmoidFocalLoss fl = new SigmoidFocalLoss(g, 0, false);
            table.addColumns(column(gradientColumn(g), xt, x -> fl.gradient(x, 1), inf));
        }
        for (FocalLossStar s : stars) {
            table.addColumns(column(starGradientColumn(s), xt, s::gradientAtXt, inf));
        }
        return table;
    }

    /** A column of f(x) with values above the ceiling (or not finite) turned into missing values. */
    private static DoubleColumn column(String name, double[] xs, java.util.function.DoubleUnaryOperator f,
                                       double ceiling) {
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double y = f.applyAsDouble(xs[i]);
            ys[i] = Double.isFinite(y) && y <= ceiling ? y : Double.NaN;
        }
        return FocalTables.values(name, ys);
    }

    /**
     * What to sample over p_t.
     *
     * @param gammas the γ values (at least one), each ≥ 0
     * @param points samples, at least 2
     * @param ptMin left end, in [0, 1); 0 is evaluated at {@link #MIN_PT}
     * @param ptMax right end, in (ptMin, 1]
     * @param yCeiling loss values above this become missing; +∞ keeps everything
     * @param alpha α_t multiplying FL, in [0, 1]
     * @param modulator whether to add the modulator columns
     * @param gradient whether to add the gradient columns (dCE/dx_t and dFL/dx_t)
     */
    public record PtCurves(double[] gammas, int points, double ptMin, double ptMax, double yCeiling, double alpha,
                           boolean modulator, boolean gradient) {

        /**
         * @throws InvalidArgumentException if a setting is out of range
         */
        public PtCurves {
            gammas = Check.gammas(gammas).clone();
            Check.atLeast("points", points, 2);
            Check.unitInterval("p_t minimum", ptMin);
            Check.unitInterval("p_t maximum", ptMax);
            Check.nonEmpty("p_t range", ptMin, ptMax);
            if (!(yCeiling > 0)) {
                throw Check.outOfRange("y ceiling", yCeiling, "(0, ∞]");
            }
            Check.alpha(alpha);
        }

        @Override
        public double[] gammas() {
            return gammas.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PtCurves p && Arrays.equals(gammas, p.gammas) && points == p.points
                    && ptMin == p.ptMin && ptMax == p.ptMax && yCeiling == p.yCeiling && alpha == p.alpha
                    && modulator == p.modulator && gradient == p.gradient;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(gammas) * 31 + points;
        }

        @Override
        public String toString() {
            return "PtCurves[gammas=" + Arrays.toString(gammas) + ", points=" + points + ", ptMin=" + ptMin
                    + ", ptMax=" + ptMax + ", yCeiling=" + yCeiling + ", alpha=" + alpha + ", modulator=" + modulator
                    + ", gradient=" + gradient + "]";
        }

        /**
         * @return a builder starting from γ = 2, 501 points over [0, 1], y ceiling 5, α = 1
         */
        public static Builder builder() {
            return new Builder();
        }

        /** Builder for {@link PtCurves}. */
        public static final class Builder {
            private double[] gammas = {2};
            private int points = 501;
            private double ptMin = 0;
            private double ptMax = 1;
            private double yCeiling = 5;
            private double alpha = 1;
            private boolean modulator;
            private boolean gradient;

            private Builder() {
            }

            /**
             * @param values the γ values
             * @return this builder
             */
            public Builder gammas(double... values) {
                gammas = values.clone();
                return this;
            }

            /**
             * @param value samples, at least 2
             * @return this builder
             */
            public Builder points(int value) {
                points = value;
                return this;
            }

            /**
             * @param min left end
             * @param max right end
             * @return this builder
             */
            public Builder ptRange(double min, double max) {
                ptMin = min;
                ptMax = max;
                return this;
            }

            /**
             * @param value loss values above this become missing
             * @return this builder
             */
            public Builder yCeiling(double value) {
                yCeiling = value;
                return this;
            }

            /**
             * @param value α_t multiplying FL
             * @return this builder
             */
            public Builder alpha(double value) {
                alpha = value;
                return this;
            }

            /**
             * @param value whether to add modulator columns
             * @return this builder
             */
            public Builder modulator(boolean value) {
                modulator = value;
                return this;
            }

            /**
             * @param value whether to add gradient columns
             * @return this builder
             */
            public Builder gradient(boolean value) {
                gradient = value;
                return this;
            }

            /**
             * @return the options
             * @throws InvalidArgumentException if a setting is out of range
             */
            public PtCurves build() {
                return new PtCurves(gammas, points, ptMin, ptMax, yCeiling, alpha, modulator, gradient);
            }
        }
    }

    /**
     * @param table a table made here
     * @return the names of its curve columns (all but the first)
     */
    public static List<String> curveColumns(Table table) {
        List<String> names = new ArrayList<>(table.columnNames());
        names.remove(0);
        return names;
    }
}
