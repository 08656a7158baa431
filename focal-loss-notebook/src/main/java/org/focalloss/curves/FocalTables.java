package org.focalloss.curves;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.focalloss.core.AlphaConvention;
import org.focalloss.core.CalculatorResult;
import org.focalloss.core.Check;
import org.focalloss.core.FocalLoss;
import org.focalloss.core.Fmt;
import org.focalloss.core.Headline;
import org.focalloss.core.PriorInitialization;
import org.focalloss.core.SigmoidFocalLoss;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Small Tablesaw tables for the worked examples and the notebooks. Numbers print with the calculator's
 * locale-independent format ({@code 0.562143}, {@code 2.5354e-05}); the underlying doubles are exact.
 */
public final class FocalTables {

    /** The easy/hard p_t values of the notebooks: 0.1, 0.5, 0.9, 0.99. */
    public static final double[] EASY_HARD_PT = {0.1, 0.5, 0.9, 0.99};

    private FocalTables() {
    }

    /** Prints doubles as {@link Fmt#value(double)} does, whatever the default locale. */
    static final class ValueFormatter extends NumberColumnFormatter {
        ValueFormatter() {
            super(new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)), "");
        }

        @Override
        public String format(double value) {
            return Double.isNaN(value) ? "" : Fmt.value(value);
        }
    }

    /** Prints parameters such as γ and p_t with at most four decimals and no trailing zeros. */
    static final class ParameterFormatter extends NumberColumnFormatter {
        ParameterFormatter() {
            super(new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)), "");
        }

        @Override
        public String format(double value) {
            if (Double.isNaN(value)) {
                return "";
            }
            String s = Fmt.trimmed(value, 4);
            return s.equals("0") && value != 0 ? Fmt.exponential(value, 1) : s;
        }
    }

    /** Prints ratios as the headline does: 1.2, 100, 10,000, 1.3e+06. */
    static final class RatioFormatter extends NumberColumnFormatter {
        RatioFormatter() {
            super(new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)), "");
        }

        @Override
        public String format(double value) {
            return Double.isNaN(value) ? "" : Double.isInfinite(value) ? "∞" : Headline.suppressionText(value);
        }
    }

    static DoubleColumn values(String name, double... values) {
        DoubleColumn c = DoubleColumn.create(name, values);
        c.setPrintFormatter(new ValueFormatter());
        return c;
    }

    static DoubleColumn parameters(String name, double... values) {
        DoubleColumn c = DoubleColumn.create(name, values);
        c.setPrintFormatter(new ParameterFormatter());
        return c;
    }

    static DoubleColumn ratios(String name, double... values) {
        DoubleColumn c = DoubleColumn.create(name, values);
        c.setPrintFormatter(new RatioFormatter());
        return c;
    }

    /**
     * CE, FL and the suppression ratio CE/FL at several p_t for one γ: easy examples (p_t near 1) lose almost
     * all their loss, hard ones (p_t near 0) keep most of it.
     *
     * @param gamma γ ≥ 0
     * @param pts p_t values in (0, 1); {@link #EASY_HARD_PT} if none are given
     * @return columns p_t, CE, FL, modulator, CE/FL
     * @throws org.focalloss.core.InvalidArgumentException if γ or a p_t is out of range
     */
    public static Table easyHard(double gamma, double... pts) {
        double[] p = pts.length == 0 ? EASY_HARD_PT : pts.clone();
        Check.gamma(gamma);
        double[] ce = new double[p.length];
        double[] fl = new double[p.length];
        double[] m = new double[p.length];
        double[] ratio = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            ce[i] = FocalLoss.crossEntropy(p[i]);
            fl[i] = FocalLoss.loss(p[i], gamma);
            m[i] = FocalLoss.modulator(p[i], gamma);
            ratio[i] = ce[i] / fl[i];
        }
        return Table.create("Easy and hard examples, γ = " + Fmt.trimmed(gamma, 3)).addColumns(
                parameters("p_t", p), values("CE", ce), values("FL", fl), values("(1-p_t)^γ", m), ratios("CE/FL", ratio));
    }

    /**
     * FL of one hard and one easy example for each γ, and how much more the hard one weighs.
     *
     * @param hardPt p_t of the hard example, in (0, 1)
     * @param easyPt p_t of the easy example, in (0, 1)
     * @param gammas γ values
     * @return columns γ, FL hard, FL easy, CE/FL hard, CE/FL easy, hard/easy
     * @throws org.focalloss.core.InvalidArgumentException if a value is out of range
     */
    public static Table acrossGamma(double hardPt, double easyPt, double... gammas) {
        int n = gammas.length;
        double[] hard = new double[n];
        double[] easy = new double[n];
        double[] sh = new double[n];
        double[] se = new double[n];
        double[] rel = new double[n];
        for (int i = 0; i < n; i++) {
            hard[i] = FocalLoss.loss(hardPt, gammas[i]);
            easy[i] = FocalLoss.loss(easyPt, gammas[i]);
            sh[i] = FocalLoss.crossEntropy(hardPt) / hard[i];
            se[i] = FocalLoss.crossEntropy(easyPt) / easy[i];
            rel[i] = hard[i] / easy[i];
        }
        String h = "p_t=" + Fmt.trimmed(hardPt, 4);
        String e = "p_t=" + Fmt.trimmed(easyPt, 4);
        return Table.create("Hard (" + h + ") against easy (" + e + ") across γ").addColumns(parameters("γ", gammas.clone()),
                values("FL " + h, hard), values("FL " + e, easy), ratios("CE/FL " + h, sh), ratios("CE/FL " + e, se),
                ratios("hard/easy", rel));
    }

    /**
     * The headline sentence for each γ at one p_t.
     *
     * @param pt p_t ∈ [0, 1]
     * @param gammas γ values
     * @return columns γ, headline
     * @throws org.focalloss.core.InvalidArgumentException if a value is out of range
     */
    public static Table headlines(double pt, double... gammas) {
        StringColumn text = StringColumn.create("headline");
        for (double g : gammas) {
            text.append(Headline.sentence(g, pt));
        }
        return Table.create("Headlines at p_t = " + Fmt.trimmed(pt, 4)).addColumns(parameters("γ", gammas.clone()), text);
    }

    /**
     * The calculator's p_t table: one row per class with its logit and softmax probability.
     *
     * @param r a calculator result
     * @return columns class, logit, p, true class
     */
    public static Table classes(CalculatorResult r) {
        double[] z = r.logits();
        int[] idx = new int[z.length];
        StringColumn mark = StringColumn.create("true class");
        for (int j = 0; j < z.length; j++) {
            idx[j] = j;
            mark.append(j == r.target() ? "← p_t" : "");
        }
        return Table.create("Softmax probabilities").addColumns(IntColumn.create("class", idx), values("logit", z),
                values("p", r.probabilities()), mark);
    }

    /**
     * The calculator's quantities: p_t, CE, the modulator, FL and CE/FL, labelled and formatted exactly as
     * the calculator's text and Markdown views print them ({@link CalculatorResult#quantities()}).
     *
     * @param r a calculator result
     * @return columns quantity, value (the formatted text)
     */
    public static Table quantities(CalculatorResult r) {
        StringColumn names = StringColumn.create("quantity");
        StringColumn texts = StringColumn.create("value");
        for (CalculatorResult.Quantity q : r.quantities()) {
            names.append(q.label());
            texts.append(q.text());
        }
        return Table.create("Focal loss, γ = " + Fmt.trimmed(r.gamma(), 3) + ", α = " + Fmt.trimmed(r.alpha(), 3))
                .addColumns(names, texts);
    }

    /**
     * How each library reads α, computed side by side: for a positive example (target 1) and a negative one
     * (target 0) with the same p_t, the α_t each convention applies and the focal loss that results.
     *
     * @param pt p_t of both examples, in (0, 1)
     * @param gamma γ ≥ 0
     * @param alpha the α passed to every library, in [0, 1]
     * @return columns library, reads α as, α_t positive, α_t negative, FL positive, FL negative
     * @throws org.focalloss.core.InvalidArgumentException if a value is out of range
     */
    public static Table alphaConventions(double pt, double gamma, double alpha) {
        StringColumn call = StringColumn.create("library");
        StringColumn reading = StringColumn.create("reads α as");
        int n = AlphaConvention.values().length;
        double[] aPos = new double[n];
        double[] aNeg = new double[n];
        double[] flPos = new double[n];
        double[] flNeg = new double[n];
        double fl = FocalLoss.loss(pt, gamma);
        int i = 0;
        for (AlphaConvention c : AlphaConvention.values()) {
            call.append(c.call());
            reading.append(c.reading());
            aPos[i] = c.alphaT(alpha, true);
            aNeg[i] = c.binary() ? c.alphaT(alpha, false) : c.alphaT(alpha, true);
            flPos[i] = aPos[i] * fl;
            flNeg[i] = aNeg[i] * fl;
            i++;
        }
        return Table.create("α = " + Fmt.trimmed(alpha, 3) + ", γ = " + Fmt.trimmed(gamma, 3) + ", p_t = "
                + Fmt.trimmed(pt, 4) + " for a positive and a negative example").addColumns(call, reading,
                parameters("α_t positive", aPos), parameters("α_t negative", aNeg), values("FL positive", flPos),
                values("FL negative", flNeg));
    }

    /**
     * The loss at initialisation per positive anchor, with and without the prior, for CE and FL
     * (RetinaNet, Sec. 4.1).
     *
     * @param anchors number of anchors
     * @param positives number of positive anchors
     * @param prior π, e.g. 0.01
     * @param gamma γ of FL
     * @param alpha α of FL (applied to CE too, as in RetinaNet's α-balanced CE)
     * @return columns loss, init, b, from positives, from negatives, total, negative share
     * @throws org.focalloss.core.InvalidArgumentException if a value is out of range
     */
    public static Table priorInitialization(int anchors, int positives, double prior, double gamma, double alpha) {
        double b = PriorInitialization.bias(prior);
        StringColumn loss = StringColumn.create("loss");
        StringColumn init = StringColumn.create("initial bias");
        double[] bias = new double[4];
        double[] pos = new double[4];
        double[] neg = new double[4];
        double[] total = new double[4];
        double[] share = new double[4];
        int row = 0;
        for (double g : new double[] {0, gamma}) {
            for (boolean withPrior : new boolean[] {false, true}) {
                SigmoidFocalLoss fl = new SigmoidFocalLoss(g, alpha, true);
                double logit = withPrior ? b : 0;
                PriorInitialization.InitialLoss l = PriorInitialization.initialLoss(anchors, positives, logit, fl);
                loss.append(g == 0 ? "CE (α=" + Fmt.trimmed(alpha, 3) + ")" : "FL γ=" + Fmt.trimmed(g, 3));
                init.append(withPrior ? "prior π=" + Fmt.trimmed(prior, 4) : "none (b=0)");
                bias[row] = logit;
                pos[row] = l.fromPositives();
                neg[row] = l.fromNegatives();
                total[row] = l.total();
                share[row] = l.negativeShare();
                row++;
            }
        }
        return Table.create("Loss per positive at initialisation: " + Fmt.grouped(anchors) + " anchors, "
                + Fmt.grouped(positives) + " positive").addColumns(loss, init, values("b", bias),
                values("from positives", pos), values("from negatives", neg), values("total", total),
                values("negative share", share));
    }
}
