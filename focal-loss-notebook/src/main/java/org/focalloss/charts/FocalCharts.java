package org.focalloss.charts;

import java.util.ArrayList;
import java.util.List;
import org.focalloss.core.CalculatorResult;
import org.focalloss.core.FocalLossStar;
import org.focalloss.core.Fmt;
import org.focalloss.curves.FocalCurves;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * One-line charts, in the spirit of XChart's {@code QuickChart}. Every method returns a {@link Figure}:
 * the chart plus a plain-text description usable as alt text, which {@link Figure} can restyle (title,
 * axis titles, labels, colours, size, scale). For other curves over p_t use {@link PtChart#builder()}.
 *
 * <pre>{@code
 * FocalCharts.figure1().save(Path.of("fig1.png"));
 * FocalCharts.focalLoss(2).toSvg();
 * }</pre>
 */
public final class FocalCharts {

    /** The γ values of the paper's Fig. 1. */
    public static final double[] FIGURE1_GAMMAS = {0, 0.5, 1, 2, 5};

    private FocalCharts() {
    }

    /**
     * Focal loss for one γ with cross-entropy underneath.
     *
     * @param gamma γ ≥ 0
     * @return the figure
     * @throws org.focalloss.core.InvalidArgumentException if γ is out of range
     */
    public static Figure focalLoss(double gamma) {
        return PtChart.builder().gammas(gamma).crossEntropy(true).build();
    }

    /**
     * The paper's Fig. 1: focal loss for γ ∈ {0, 0.5, 1, 2, 5}; γ = 0 is cross-entropy.
     *
     * @return the figure
     */
    public static Figure figure1() {
        return figure1(FIGURE1_GAMMAS);
    }

    /**
     * Fig. 1's chart with other γ values. Only the paper's γ set is titled "(paper, Fig. 1)"; any other
     * set is titled with its γ values, e.g. "Focal loss against p_t for γ = 0, 1, 3 and 10".
     *
     * @param gammas γ values, each ≥ 0
     * @return the figure
     * @throws org.focalloss.core.InvalidArgumentException if a γ is out of range
     */
    public static Figure figure1(double... gammas) {
        return PtChart.builder().gammas(gammas).crossEntropy(false).build();
    }

    /**
     * The modulator mini-chart: (1 − p_t)^γ on a fixed 0..1 axis.
     *
     * @param gammas γ values, each ≥ 0
     * @return the figure, 480 × 260 pixels
     * @throws org.focalloss.core.InvalidArgumentException if a γ is out of range
     */
    public static Figure modulator(double... gammas) {
        return PtChart.builder().quantity(PtChart.Quantity.MODULATOR).gammas(gammas).size(480, 260).build();
    }

    /**
     * The gradient dFL/dx_t against p_t, with cross-entropy's for reference.
     *
     * @param gammas γ values, each ≥ 0
     * @return the figure
     * @throws org.focalloss.core.InvalidArgumentException if a γ is out of range
     */
    public static Figure gradients(double... gammas) {
        return PtChart.builder().quantity(PtChart.Quantity.GRADIENT).gammas(gammas).crossEntropy(true).build();
    }

    /**
     * The paper's Fig. 5: CE, FL (γ = 2) and FL* with (γ, β) = (2, 1) and (4, 0) against x_t.
     *
     * @return the figure
     */
    public static Figure focalStar() {
        return overXt(false);
    }

    /**
     * The paper's Fig. 6: the derivatives of CE, FL (γ = 2) and FL* against x_t.
     *
     * @return the figure
     */
    public static Figure focalStarGradients() {
        return overXt(true);
    }

    private static Figure overXt(boolean derivative) {
        Table t = FocalCurves.overXt();
        double[] xt = t.doubleColumn(FocalCurves.XT).asDoubleArray();
        List<FocalLossStar> stars = List.of(new FocalLossStar(2, 1), new FocalLossStar(4, 0));
        List<String> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        columns.add(derivative ? FocalCurves.CE_GRADIENT : FocalCurves.CE);
        labels.add("CE");
        columns.add(derivative ? FocalCurves.gradientColumn(2) : FocalCurves.flColumn(2));
        labels.add("FL, γ = 2");
        for (FocalLossStar s : stars) {
            columns.add(derivative ? FocalCurves.starGradientColumn(s) : FocalCurves.starColumn(s));
            labels.add("FL*, γ = " + Fmt.trimmed(s.gamma(), 3) + ", β = " + Fmt.trimmed(s.beta(), 3));
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(derivative ? "Derivatives of FL* against x_t (paper, Fig. 6)" : "FL* against x_t (paper, Fig. 5)")
                .xAxisTitle("x_t = y·x").yAxisTitle(derivative ? "d loss / d x" : "loss").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(xt[0]).setXAxisMax(xt[xt.length - 1]);
        if (derivative) {
            chart.getStyler().setYAxisMin(-1.2).setYAxisMax(0.0).setLegendPosition(Styler.LegendPosition.InsideSE);
        } else {
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(5.0);
        }
        for (int i = 0; i < columns.size(); i++) {
            XYSeries s = chart.addSeries(labels.get(i), xt, t.doubleColumn(columns.get(i)).asDoubleArray());
            s.setMarker(SeriesMarkers.NONE);
            if (i == 0) {
                s.setLineColor(ChartStyle.REFERENCE);
                s.setLineStyle(ChartStyle.referenceStroke());
            } else {
                s.setLineColor(ChartStyle.color(i - 1));
                s.setLineStyle(ChartStyle.stroke());
            }
        }
        String description;
        FocalLossStar s21 = stars.get(0);
        if (derivative) {
            description = "Line chart of the derivative of each loss with respect to x against x_t = y·x from −5 to 5,"
                    + " for CE, FL with γ = 2 and FL* with (γ, β) = (2, 1) and (4, 0). All tend to −1 for badly"
                    + " misclassified examples (x_t ≪ 0) and to 0 for well-classified ones; at x_t = 2 they are "
                    + Fmt.value(t.doubleColumn(columns.get(0)).get(indexOf(xt, 2))) + " (CE), "
                    + Fmt.value(t.doubleColumn(columns.get(1)).get(indexOf(xt, 2))) + " (FL), "
                    + Fmt.value(s21.gradientAtXt(2)) + " (FL* 2, 1) and "
                    + Fmt.value(stars.get(1).gradientAtXt(2)) + " (FL* 4, 0).";
        } else {
            description = "Line chart of loss against x_t = y·x from −5 to 5, for CE, FL with γ = 2 and FL* with"
                    + " (γ, β) = (2, 1) and (4, 0). Like FL, FL* flattens for well-classified examples (x_t > 0); at"
                    + " x_t = 2 the losses are " + Fmt.value(t.doubleColumn(columns.get(0)).get(indexOf(xt, 2)))
                    + " (CE), " + Fmt.value(t.doubleColumn(columns.get(1)).get(indexOf(xt, 2))) + " (FL), "
                    + Fmt.value(s21.lossAtXt(2)) + " (FL* 2, 1) and " + Fmt.value(stars.get(1).lossAtXt(2))
                    + " (FL* 4, 0).";
        }
        return new Figure(chart, description);
    }

    private static int indexOf(double[] xs, double x) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) {
            if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The calculator's bar chart of softmax probabilities, the true class in its own colour.
     *
     * @param r a calculator result
     * @return the figure
     */
    public static Figure probabilities(CalculatorResult r) {
        double[] p = r.probabilities();
        List<String> classes = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        for (int j = 0; j < p.length; j++) {
            classes.add("class " + j);
            others.add(j == r.target() ? 0.0 : p[j]);
            truth.add(j == r.target() ? p[j] : 0.0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(360)
                .title("Softmax probabilities (true class " + r.target() + ": p_t = " + Fmt.value(r.pt()) + ")")
                .xAxisTitle("class").yAxisTitle("probability").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        CategorySeries o = chart.addSeries("other classes", classes, others);
        o.setFillColor(ChartStyle.color(1));
        CategorySeries t = chart.addSeries("true class", classes, truth);
        t.setFillColor(ChartStyle.color(0));
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < p.length; j++) {
            parts.add("class " + j + (j == r.target() ? " (true)" : "") + " " + Fmt.value(p[j]));
        }
        String description = "Bar chart of the softmax probabilities of " + p.length + " classes: "
                + String.join(", ", parts) + ". The true class has p_t = " + Fmt.value(r.pt()) + ", so FL = "
                + Fmt.value(r.loss()) + " with γ = " + Fmt.trimmed(r.gamma(), 3) + " and α = "
                + Fmt.trimmed(r.alpha(), 3) + ".";
        return new Figure(chart, description);
    }
}
